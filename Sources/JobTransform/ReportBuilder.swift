import Foundation
import JobFetch

/// Turns the source's region batches into a ``ReportModel``.
///
/// Batches are flattened into records as they arrive, so the full API responses of a large
/// estate never sit in memory together. Pure: the clock comes in as `asOf`.
public struct ReportBuilder: Sendable {
    public let asOf: Date
    public let expiryWindowDays: Int
    private var records: [JobRecord] = []
    private var scopes: Set<Scope> = []
    private var gaps: [ScopeGap] = []
    private var notes: [String] = []
    private var coverage: [Scope: ScopeCoverage] = [:]

    public init(asOf: Date, expiryWindowDays: Int = 7) {
        self.asOf = asOf
        self.expiryWindowDays = expiryWindowDays
    }

    /// Adds one scope's jobs, gap and diagnostics. Large batches are flattened on every core.
    public mutating func add(_ batch: ScopeBatch) {
        scopes.insert(batch.scope)
        coverage[batch.scope, default: ScopeCoverage(scope: batch.scope, state: .ok)].add(batch)
        let jobs = batch.jobs
        let workers = jobs.count >= 512 ? 2 : 1
        var converted = [[JobRecord]](repeating: [], count: workers)
        converted.withUnsafeMutableBufferPointer { slots in
            let slots = UnsafeSendable(slots)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let part = (jobs.count * w / workers)..<(jobs.count * (w + 1) / workers)
                slots.value[w] = jobs[part].map { JobRecord($0, scope: batch.scope) }
            }
        }
        // No reserveCapacity here: reserving the exact size batch after batch would copy the
        // whole array every time; appending grows it geometrically.
        for part in converted { records += part }
        if let gap = batch.gap { gaps.append(gap) }
        if let gap = batch.logsGap { gaps.append(gap) }
        if let gap = batch.findingsGap { gaps.append(gap) }
        notes += batch.diagnostics.map(\.line)
    }

    /// The finished model: records sorted, summaries and attention list computed. Consumes
    /// the builder, so its unsorted copy of the records is freed before rendering starts.
    public consuming func build() -> ReportModel {
        let sorted = Self.permuted(records, key: Self.reportKey) { $0.lexicographicallyPrecedes($1) }
        let attention = Self.permuted(
            sorted.compactMap { AttentionItem($0, asOf: asOf, expiryWindowDays: expiryWindowDays) },
            key: AttentionItem.UrgencyKey.init, by: <)
        var model = ReportModel(
            asOf: asOf, expiryWindowDays: expiryWindowDays, records: sorted, summaries: JobSummaries(sorted),
            crossTab: StatusTypeCrossTab(sorted), attention: attention, scopes: scopes.sorted(),
            gaps: gaps.sorted { $0.scope < $1.scope }, notes: notes + Self.unknownValueNotes(sorted))
        model.coverage = coverage.values.sorted {
            ($0.scope.accountId ?? "", $0.scope.region) < ($1.scope.accountId ?? "", $1.scope.region)
        }
        for entry in model.coverage {
            if let id = entry.scope.accountId, let name = entry.accountName { model.accountNames[id] = name }
        }
        return model
    }

    /// Sorts by comparing small keys and moving indices, not records: a record is a few
    /// hundred bytes of references, and comparing or moving 100 000 of them directly spends
    /// the time retaining and releasing every field.
    static func permuted<T, Key>(_ items: [T], key: (T) -> Key, by areInIncreasingOrder: (Key, Key) -> Bool) -> [T] {
        let keys = items.map(key)
        let order = keys.withUnsafeBufferPointer { keys in
            keys.indices.sorted { areInIncreasingOrder(keys[$0], keys[$1]) }
        }
        return order.map { items[$0] }
    }

    /// Region, account, name, job id: the order of jobs.csv and every job table.
    static func reportKey(_ record: JobRecord) -> [String] {
        [record.region, record.accountId ?? "", record.name ?? "", record.jobId ?? ""]
    }

    /// One note per distinct unknown value, with how many jobs carry it.
    static func unknownValueNotes(_ records: [JobRecord]) -> [String] {
        var counts: [String: Int] = [:]
        for record in records {
            for caveat in record.unknownValueCaveats { counts[caveat, default: 0] += 1 }
        }
        return counts.keys.sorted().map { "\($0) (\(counts[$0]!) job\(counts[$0]! == 1 ? "" : "s"))" }
    }
}

/// Each worker writes only its own slot of the buffer, so sharing it across threads is safe.
private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension SourceDiagnostic {
    /// "us-east-1, job abc: message"
    public var line: String {
        let place = [region, jobId.map { "job \($0)" }].compactMap { $0 }.joined(separator: ", ")
        return place.isEmpty ? message : "\(place): \(message)"
    }
}
