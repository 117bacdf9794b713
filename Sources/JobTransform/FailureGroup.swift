import JobLogModel

/// One event type across every job whose last run had it: the report's "Why jobs failed"
/// section, with the remedy and everything the type hit.
public struct FailureGroup: Sendable, Hashable {
    public var type: JobEventType
    public var level: JobEventLevel
    public var remedy: String
    /// The jobs with this type, in report order.
    public var jobs: [JobRecord]
    /// Events of this type, all jobs together.
    public var events: Int
    /// Distinct buckets and accounts named, sorted.
    public var buckets: [String]
    public var accounts: [String]

    /// Groups in the summary's order: the most jobs first, then the documentation's order.
    public static func groups(_ records: [JobRecord]) -> [FailureGroup] {
        var groups: [JobEventType: FailureGroup] = [:]
        var buckets: [JobEventType: Set<String>] = [:]
        var accounts: [JobEventType: Set<String>] = [:]
        for record in records {
            for entry in record.lastRunErrors?.types ?? [] {
                var group =
                    groups[entry.type]
                    ?? FailureGroup(
                        type: entry.type, level: entry.level, remedy: JobEventRemedy.line(for: entry.type), jobs: [],
                        events: 0, buckets: [], accounts: [])
                group.jobs.append(record)
                group.events += entry.events
                buckets[entry.type, default: []].formUnion(entry.buckets)
                accounts[entry.type, default: []].formUnion(entry.accounts)
                groups[entry.type] = group
            }
        }
        return groups.values.map {
            var group = $0
            group.buckets = buckets[$0.type, default: []].sorted()
            group.accounts = accounts[$0.type, default: []].sorted()
            return group
        }.sorted { ($0.jobs.count, $1.type) > ($1.jobs.count, $0.type) }
    }
}
