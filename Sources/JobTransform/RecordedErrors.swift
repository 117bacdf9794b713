import Foundation

/// What the history keeps of a job's last-run errors (``JobLastRunErrors``), so the next run
/// can say which buckets and accounts newly fail and which no longer do.
///
/// Kept only when the log events were read: a job whose events were not looked up, or could
/// not be read, has no `RecordedErrors` (`nil`), and nothing is ever claimed against it.
/// Types and levels are the raw text, like the snapshot's other enum fields, so a type the
/// model does not list still compares exactly. The status reason's description is not kept:
/// status changes are compared from `jobStatus`.
public struct RecordedErrors: Sendable, Hashable {
    /// One event type of the run, with what it hit.
    public struct TypeEntry: Sendable, Hashable {
        /// The `eventType`, as sent (`BUCKET_ACCESS_DENIED`).
        public var type: String
        /// `JobEventLevel`'s raw value: `account`, `bucket` or `status`.
        public var level: String
        public var events: Int
        /// Distinct buckets, sorted.
        public var buckets: [String]
        /// Distinct accounts, sorted.
        public var accounts: [String]

        public init(type: String, level: String, events: Int, buckets: [String] = [], accounts: [String] = []) {
            self.type = type
            self.level = level
            self.events = events
            self.buckets = buckets
            self.accounts = accounts
        }
    }

    /// The event types, in ``JobLastRunErrors/types`` order.
    public var types: [TypeEntry]
    /// Set when reading stopped at the event limit: the lists may lack buckets and accounts,
    /// so nothing is said about what is no longer failing (or newly failing) for the job.
    public var stoppedAfter: Int?

    public init(types: [TypeEntry], stoppedAfter: Int? = nil) {
        self.types = types
        self.stoppedAfter = stoppedAfter
    }

    /// `nil` unless the events were read (see the type's note).
    public init?(_ errors: JobLastRunErrors?) {
        guard let errors, errors.wasRead else { return nil }
        self.init(
            types: errors.types.map {
                TypeEntry(
                    type: $0.type.rawValue, level: $0.level.rawValue, events: $0.events, buckets: $0.buckets,
                    accounts: $0.accounts)
            }, stoppedAfter: errors.stoppedAfter)
    }

    /// Whether every event of the run was read, so the lists are whole.
    public var isComplete: Bool { stoppedAfter == nil }

    /// Bucket → the bucket-level error types that named it, sorted.
    public var bucketTypes: [String: [String]] { names(level: "bucket", \.buckets) }

    /// Account → the account-level error types that named it, sorted.
    public var accountTypes: [String: [String]] { names(level: "account", \.accounts) }

    private func names(level: String, _ path: KeyPath<TypeEntry, [String]>) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for entry in types where entry.level == level {
            for name in entry[keyPath: path] { result[name, default: []].append(entry.type) }
        }
        return result.mapValues { $0.sorted() }
    }
}
