import Foundation
import Macie2Model

/// What a source found in CloudWatch Logs for one job: the events of its last run, as
/// FilterLogEvents returned them, or why they could not be read.
///
/// Looked up only for jobs whose log events explain something (``isWanted(status:lastRunError:lastRunTime:)``);
/// other jobs carry `nil`. No log group, no stream, or no events since the run started is
/// an empty ``events`` list, not a failure: Macie writes no events for some runs.
public struct JobLogs: Sendable, Hashable {
    /// The log group Macie publishes classification job events to, in the job's account and region.
    public static let logGroupName = "/aws/macie/classificationjobs"
    /// The most events read for one job by default: a run that skipped thousands of buckets
    /// is reported as "at least" that many rather than read for ever.
    public static let defaultEventLimit = 2_000

    /// The events read, oldest first as the service returned them.
    public var events: [FilteredLogEvent]
    /// Set when reading stopped at the event limit while a `nextToken` still came: the report says "at least".
    public var stoppedAfter: Int?
    /// `false` when the events could not be read (the scope's logs gap says why).
    public var wasRead: Bool

    public init(events: [FilteredLogEvent], stoppedAfter: Int? = nil, wasRead: Bool = true) {
        self.events = events
        self.stoppedAfter = stoppedAfter
        self.wasRead = wasRead
    }

    /// Events that could not be read at all.
    public static let unavailable = JobLogs(events: [], wasRead: false)

    /// Whether a job's log events are worth reading: its last run reported ERROR, or Macie
    /// paused it at a quota, or it was cancelled (the event says why); and they can be placed
    /// in its last run: without `lastRunTime` (a job known only from the list) only a
    /// cancellation, whose newest event is its reason whatever the run, is looked up.
    public static func isWanted(status: JobStatus?, lastRunError: LastRunErrorStatusCode?, lastRunTime: Date?) -> Bool {
        (lastRunError == .error || status == .paused || status == .cancelled) && (lastRunTime != nil || status == .cancelled)
    }

    /// Where reading a job's events starts: its last run's start, else its creation, in
    /// milliseconds since 1970 (FilterLogEvents' `startTime`); `nil` reads from the start.
    public static func startTime(lastRunTime: Date?, createdAt: Date?) -> Int64? {
        (lastRunTime ?? createdAt).flatMap { Int64(exactly: ($0.timeIntervalSince1970 * 1000).rounded(.down)) }
    }
}
