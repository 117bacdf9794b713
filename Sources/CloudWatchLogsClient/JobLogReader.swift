import AWSClient
import JobLogModel

/// Reads one job's log events of its last run: the job's stream in Macie's log group, from
/// the run's start, page by page until `nextToken` is absent (pages may be partly full or
/// empty and still carry one), at most ``eventLimit`` events.
///
/// No log group or no stream is "no log events", not a failure. A token handed out twice,
/// or more pages than ``pageLimit``, is an error rather than a loop.
public struct JobLogReader: Sendable {
    /// Runs one request: the caller's pacing and concurrency permit around it.
    public typealias Runner = @Sendable (@Sendable () async throws -> FilterLogEventsResponse) async throws ->
        FilterLogEventsResponse

    public let logs: CloudWatchLogsClient
    public let eventLimit: Int
    public let pageLimit: Int

    /// `eventLimit` and `pageLimit` below 1 are raised to 1.
    public init(logs: CloudWatchLogsClient, eventLimit: Int = JobLogs.defaultEventLimit, pageLimit: Int = 1_000) {
        self.logs = logs
        self.eventLimit = max(1, eventLimit)
        self.pageLimit = max(1, pageLimit)
    }

    /// The job's events since `startTime` (milliseconds), each request through `run`.
    public func read(jobId: String, startTime: Int64?, run: Runner) async throws -> JobLogs {
        var events: [FilteredLogEvent] = []
        var token: String?
        var seen = Set<String>()
        var pages = 0
        repeat {
            guard pages < pageLimit else {
                throw AWSError.malformedAnswer(
                    "FilterLogEvents was still handing out a nextToken after \(pages) pages for job \(ServerText.quoted(jobId))")
            }
            let request = FilterLogEventsRequest(
                logGroupName: JobLogs.logGroupName, logStreamNames: [jobId], startTime: startTime, nextToken: token,
                limit: min(10_000, eventLimit - events.count))
            let logs = self.logs
            let page: FilterLogEventsResponse
            do {
                page = try await run { try await logs.filterLogEvents(request) }
            } catch let error as AWSError where error.errorCode == "ResourceNotFoundException" && pages == 0 {
                // No log group or no stream: Macie wrote no events for the job. After the first
                // page the stream vanished mid-read, which is a failure, not an end.
                return JobLogs(events: [])
            }
            pages += 1
            events += (page.events ?? []).prefix(eventLimit - events.count)
            token = page.nextToken
            if let next = token, !seen.insert(next).inserted {
                throw AWSError.malformedAnswer(
                    "FilterLogEvents returned the same nextToken twice for job \(ServerText.quoted(jobId)) after \(pages) pages")
            }
            if events.count >= eventLimit, token != nil { return JobLogs(events: events, stoppedAfter: eventLimit) }
        } while token != nil
        return JobLogs(events: events)
    }
}
