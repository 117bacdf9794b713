import Foundation
import JobFetch
import JobLogModel
import Macie2Model

/// Why a job's last run failed or the job stopped, from its log events: the error events
/// (errors.csv's rows) and what they add up to (jobs.csv's `lastRunErrorTypes`,
/// `lastRunAffectedAccounts`, `lastRunAffectedBuckets`, and the attention list's "why").
public struct JobLastRunErrors: Sendable, Hashable {
    /// One event type of the run, with the buckets and accounts it hit.
    public struct TypeCount: Sendable, Hashable {
        public var type: JobEventType
        public var level: JobEventLevel
        public var events: Int
        /// Distinct `affectedResource.value`s, sorted.
        public var buckets: [String]
        /// Distinct `affectedAccount`s, sorted.
        public var accounts: [String]
        /// The status event's description (a paused or cancelled job's reason).
        public var description: String?
    }

    /// The error events of the last run, in the order they were logged.
    public var events: [JobErrorEvent]
    /// `false` when the log events could not be read: the reason is the scope's logs gap.
    public var wasRead: Bool
    /// Set when reading stopped at the event limit with more events to come.
    public var stoppedAfter: Int?
    /// The event types, most events first (then in the documentation's order); unparsed
    /// messages are not a type and are counted in ``unparsedEvents``.
    public let types: [TypeCount]
    /// Distinct accounts named by any error event (account-level, and the owners of the
    /// buckets bucket-level errors name), sorted.
    public let affectedAccounts: [String]
    /// Distinct buckets named by any error event, sorted.
    public let affectedBuckets: [String]

    public init(events: [JobErrorEvent], wasRead: Bool = true, stoppedAfter: Int? = nil) {
        self.events = events
        self.wasRead = wasRead
        self.stoppedAfter = stoppedAfter
        // Entries are mutated in place in an array, never copied out of a dictionary and put
        // back (which would copy their bucket lists at every event).
        var index: [JobEventType: Int] = [:]
        var entries: [TypeCount] = []
        var entryBuckets: [Set<String>] = []
        var entryAccounts: [Set<String>] = []
        var accounts = Set<String>()
        var buckets = Set<String>()
        for event in events where event.level != .unparsed {
            let i: Int
            if let known = index[event.eventType] {
                i = known
            } else {
                i = entries.count
                index[event.eventType] = i
                entries.append(TypeCount(type: event.eventType, level: event.level, events: 0, buckets: [], accounts: []))
                entryBuckets.append([])
                entryAccounts.append([])
            }
            entries[i].events += 1
            if let bucket = event.affectedResource {
                entryBuckets[i].insert(bucket)
                buckets.insert(bucket)
            }
            if let account = event.affectedAccount {
                entryAccounts[i].insert(account)
                accounts.insert(account)
            }
            if event.level == .status { entries[i].description = event.description }
        }
        for i in entries.indices {
            entries[i].buckets = entryBuckets[i].sorted()
            entries[i].accounts = entryAccounts[i].sorted()
        }
        types = entries.sorted { ($0.events, $1.type) > ($1.events, $0.type) }
        affectedAccounts = accounts.sorted()
        affectedBuckets = buckets.sorted()
    }

    /// What a source found, as the report keeps it: `nil` when the events were not looked up.
    public init?(_ logs: JobLogs?, runStart: Date?, jobStatus: JobStatus?) {
        guard let logs else { return nil }
        guard logs.wasRead else {
            self.init(events: [], wasRead: false)
            return
        }
        self.init(
            events: JobErrorEvent.selected(
                from: logs.events, runStart: runStart, jobIsPaused: jobStatus == .paused,
                jobIsCancelled: jobStatus == .cancelled),
            stoppedAfter: logs.stoppedAfter)
    }

    /// Messages that could not be read as Macie job events (kept raw in errors.csv).
    public var unparsedEvents: Int { events.reduce(0) { $0 + ($1.level == .unparsed ? 1 : 0) } }

    /// jobs.csv's `lastRunErrorTypes`: `BUCKET_ACCESS_DENIED:3;ACCOUNT_ACCESS_DENIED:1`.
    public var typesText: String { types.map { "\($0.type.rawValue):\($0.events)" }.joined(separator: ";") }

    /// The attention list's "why": `BUCKET_ACCESS_DENIED on 3 buckets: a, b, c`, each type in
    /// turn, at most `names` buckets or accounts each, then "and N more".
    public func why(names: Int = 3) -> String {
        guard wasRead else { return "its log events could not be read (see the gaps)" }
        var parts = types.map { entry -> String in
            let name = entry.type.rawValue
            switch entry.level {
            case .status:
                return [name, entry.description].compactMap { $0 }.joined(separator: ": ")
            case .bucket where !entry.buckets.isEmpty:
                return "\(name) on \(Self.count(entry.buckets.count, "bucket")): \(Self.list(entry.buckets, names))"
            case .account where !entry.accounts.isEmpty:
                return "\(name) on \(Self.count(entry.accounts.count, "account")): \(Self.list(entry.accounts, names))"
            default:
                return "\(name) (\(Self.count(entry.events, "event")))"
            }
        }
        if unparsedEvents > 0 { parts.append("\(Self.count(unparsedEvents, "log event")) not readable as Macie events") }
        if parts.isEmpty { parts.append("no error events in its last run's log events") }
        if let stoppedAfter { parts.append("reading stopped after \(stoppedAfter) events; more may follow") }
        return parts.joined(separator: "; ")
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    static func list(_ names: [String], _ limit: Int) -> String {
        let shown = names.prefix(limit).joined(separator: ", ")
        return names.count > limit ? "\(shown) and \(names.count - limit) more" : shown
    }
}
