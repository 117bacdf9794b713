import Foundation
import Macie2Model

/// One error of a job's last run, as errors.csv lists it: an account- or bucket-level error,
/// the status event that explains a paused or cancelled job, an event type Macie's
/// documentation does not list (flagged), or a message that could not be read (kept raw).
public struct JobErrorEvent: Sendable, Hashable {
    /// When the event was logged, milliseconds since 1970 (orders the events).
    public var timestamp: Int64?
    /// The event's `eventType` as sent; empty for an unparsed message.
    public var eventType: JobEventType
    public var level: JobEventLevel
    public var runDate: String?
    public var occurredAt: String?
    public var affectedAccount: String?
    public var affectedResourceType: String?
    public var affectedResource: String?
    public var operation: String?
    /// Macie's description; for an unparsed message, the raw message.
    public var description: String?

    public init(
        timestamp: Int64? = nil, eventType: JobEventType, level: JobEventLevel, runDate: String? = nil,
        occurredAt: String? = nil, affectedAccount: String? = nil, affectedResourceType: String? = nil,
        affectedResource: String? = nil, operation: String? = nil, description: String? = nil
    ) {
        self.timestamp = timestamp
        self.eventType = eventType
        self.level = level
        self.runDate = runDate
        self.occurredAt = occurredAt
        self.affectedAccount = affectedAccount
        self.affectedResourceType = affectedResourceType
        self.affectedResource = affectedResource
        self.operation = operation
        self.description = description
    }

    /// The one-line remedy for this event's type.
    public var remedy: String { level == .unparsed ? JobEventRemedy.unparsed : JobEventRemedy.line(for: eventType) }

    /// The errors among a job's events of its last run.
    ///
    /// - Account- and bucket-level errors (and unknown types) are kept when their `runDate`
    ///   is not before the last run's start (`runStart`, less a second of rounding): older
    ///   ones belong to an earlier run of a recurring job.
    /// - Of the status events, only the newest one that explains `status` is kept: the quota
    ///   pause for a PAUSED job, the cancellation for a CANCELLED one.
    /// - A message that is not a Macie job event is kept raw, as ``JobEventLevel/unparsed``.
    /// - Events logged before `runStart` are left out, as a live lookup never reads them.
    public static func selected(
        from events: [FilteredLogEvent], runStart: Date?, jobIsPaused: Bool, jobIsCancelled: Bool
    ) -> [JobErrorEvent] {
        var kept: [JobErrorEvent] = []
        var statusReason: JobErrorEvent?
        let startTime = JobLogs.startTime(lastRunTime: runStart, createdAt: nil)
        // Events logged before the run started are not its own: a live lookup never asks for
        // them, and recorded or hand-made samples are held to the same rule.
        for event in events where startTime == nil || (event.timestamp ?? .max) >= startTime! {
            guard let message = event.message, let parsed = MacieJobEvent.parse(message) else {
                kept.append(
                    JobErrorEvent(
                        timestamp: event.timestamp, eventType: JobEventType(rawValue: ""), level: .unparsed,
                        description: event.message ?? ""))
                continue
            }
            let type = JobEventType(rawValue: parsed.eventType ?? "")
            guard
                let level = type.level(
                    affectedResource: parsed.affectedResource?.value != nil, affectedAccount: parsed.affectedAccount != nil)
            else { continue }
            let error = JobErrorEvent(
                timestamp: event.timestamp, eventType: type, level: level, runDate: parsed.runDate,
                occurredAt: parsed.occurredAt, affectedAccount: parsed.affectedAccount,
                affectedResourceType: parsed.affectedResource?.type, affectedResource: parsed.affectedResource?.value,
                operation: parsed.operation, description: parsed.description)
            if type == .pausedByQuota || type == .cancelled {
                if (type == .pausedByQuota && jobIsPaused) || (type == .cancelled && jobIsCancelled) { statusReason = error }
                continue
            }
            if let runStart, let runDate = parsed.runDate.flatMap(ISO8601Timestamp.parse), runDate < runStart.addingTimeInterval(-1) {
                continue
            }
            kept.append(error)
        }
        if let statusReason { kept.append(statusReason) }
        return kept
    }
}
