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

    /// The errors among a job's events of its last run, in the order they were logged
    /// (`timestamp`, then the order received).
    ///
    /// - Events logged before `runStart` are left out, as a live lookup never reads them.
    /// - Account- and bucket-level errors (and unknown types) are kept when their `runDate`
    ///   is not before `runStart` (less a second of rounding): older ones belong to an
    ///   earlier run of a recurring job. Without a `runStart` no error can be placed in a run,
    ///   so only a status reason is kept.
    /// - Of the status events, only the newest one that explains the job's status is kept: the
    ///   quota pause for a PAUSED job (unless a resume or a user's pause came after it), the
    ///   cancellation for a CANCELLED one.
    /// - A message that is not a Macie job event is kept raw, as ``JobEventLevel/unparsed``.
    public static func selected(
        from events: [FilteredLogEvent], runStart: Date?, jobIsPaused: Bool, jobIsCancelled: Bool
    ) -> [JobErrorEvent] {
        let startTime = JobLogs.startTime(lastRunTime: runStart, createdAt: nil)
        let ordered = events.enumerated().sorted {
            ($0.element.timestamp ?? .max, $0.offset) < ($1.element.timestamp ?? .max, $1.offset)
        }.map(\.element)
        var kept: [JobErrorEvent] = []
        var statusReason: JobErrorEvent?
        for event in ordered {
            if let startTime, (event.timestamp ?? .max) < startTime { continue }
            guard let message = event.message, let parsed = MacieJobEvent.parse(message) else {
                if runStart != nil {
                    kept.append(
                        JobErrorEvent(
                            timestamp: event.timestamp, eventType: JobEventType(rawValue: ""), level: .unparsed,
                            description: event.message ?? ""))
                }
                continue
            }
            let type = JobEventType(rawValue: parsed.eventType ?? "")
            if JobEventTypeDefinition.endsQuotaPause.contains(type.rawValue) { statusReason = nil }
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
            guard let runStart else { continue }
            if let runDate = parsed.runDate.flatMap(ISO8601Timestamp.parse), runDate < runStart.addingTimeInterval(-1) {
                continue
            }
            kept.append(error)
        }
        if let statusReason { kept.append(statusReason) }
        return kept
    }
}
