import JobFetch
import JobLogModel

/// One region's log group `/aws/macie/classificationjobs` as the emulator serves it: each
/// recorded job's events in a stream named by its id, searched in timestamp order.
///
/// Built from samples' `logs/<region>.json`: a job recorded as unavailable has a stream with
/// no events; a job with no entry has no stream (both read as no events, as at CloudWatch).
struct LogEventStore: Sendable {
    /// Every event of the group, by timestamp, then stream name, then the order recorded.
    private let events: [FilteredLogEvent]

    init(_ jobs: [String: JobLogs]) {
        var all: [(FilteredLogEvent, Int)] = []
        for (jobId, logs) in jobs {
            for event in logs.events {
                var event = event
                if event.logStreamName == nil { event.logStreamName = jobId }
                all.append((event, all.count))
            }
        }
        events = all.sorted {
            ($0.0.timestamp ?? 0, $0.0.logStreamName ?? "", $0.1) < ($1.0.timestamp ?? 0, $1.0.logStreamName ?? "", $1.1)
        }.map(\.0)
    }

    /// The events of the named streams (all streams when `streams` and `prefix` are `nil`),
    /// from `start` (inclusive) to `end` (inclusive: the model says events *later* than
    /// endTime are not returned), in timestamp order.
    func events(streams: [String]?, prefix: String?, from start: Int64?, to end: Int64?) -> [FilteredLogEvent] {
        let wanted = streams.map(Set.init)
        return events.filter { event in
            let stream = event.logStreamName ?? ""
            if let wanted, !wanted.contains(stream) { return false }
            if let prefix, !stream.hasPrefix(prefix) { return false }
            let time = event.timestamp ?? 0
            if let start, time < start { return false }
            if let end, time > end { return false }
            return true
        }
    }
}
