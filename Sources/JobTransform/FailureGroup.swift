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
        // Groups are mutated in place in an array (a copy taken out of a dictionary and put
        // back would copy its list of jobs at every append: quadratic for 10 000 failed jobs).
        var index: [JobEventType: Int] = [:]
        var groups: [FailureGroup] = []
        var buckets: [Set<String>] = []
        var accounts: [Set<String>] = []
        for record in records {
            for entry in record.lastRunErrors?.types ?? [] {
                let i: Int
                if let known = index[entry.type] {
                    i = known
                } else {
                    i = groups.count
                    index[entry.type] = i
                    groups.append(
                        FailureGroup(
                            type: entry.type, level: entry.level, remedy: JobEventRemedy.line(for: entry.type), jobs: [],
                            events: 0, buckets: [], accounts: []))
                    buckets.append([])
                    accounts.append([])
                }
                groups[i].jobs.append(record)
                groups[i].events += entry.events
                buckets[i].formUnion(entry.buckets)
                accounts[i].formUnion(entry.accounts)
            }
        }
        for i in groups.indices {
            groups[i].buckets = buckets[i].sorted()
            groups[i].accounts = accounts[i].sorted()
        }
        return groups.sorted { ($0.jobs.count, $1.type) > ($1.jobs.count, $0.type) }
    }
}
