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
    private var regions: Set<String> = []
    private var gaps: [RegionGap] = []
    private var notes: [String] = []

    public init(asOf: Date, expiryWindowDays: Int = 7) {
        self.asOf = asOf
        self.expiryWindowDays = expiryWindowDays
    }

    /// Adds one region's jobs, gap and diagnostics.
    public mutating func add(_ batch: RegionBatch) {
        regions.insert(batch.region)
        records.reserveCapacity(records.count + batch.jobs.count)
        for sourced in batch.jobs {
            records.append(JobRecord(sourced.job, region: batch.region, caveats: sourced.caveats))
        }
        if let gap = batch.gap { gaps.append(gap) }
        notes += batch.diagnostics.map(\.line)
    }

    /// The finished model: records sorted, summaries and attention list computed.
    public func build() -> ReportModel {
        let sorted = records.sorted(by: Self.reportOrder)
        let attention = sorted.compactMap { AttentionItem($0, asOf: asOf, expiryWindowDays: expiryWindowDays) }
            .sorted(by: AttentionItem.urgencyOrder)
        return ReportModel(
            asOf: asOf, expiryWindowDays: expiryWindowDays, records: sorted, summaries: JobSummaries(sorted),
            crossTab: StatusTypeCrossTab(sorted), attention: attention, regions: regions.sorted(),
            gaps: gaps.sorted { $0.region < $1.region }, notes: notes + Self.unknownValueNotes(sorted))
    }

    static func reportOrder(_ a: JobRecord, _ b: JobRecord) -> Bool {
        if a.region != b.region { return a.region < b.region }
        if a.accountId != b.accountId { return (a.accountId ?? "") < (b.accountId ?? "") }
        if a.name != b.name { return (a.name ?? "") < (b.name ?? "") }
        return (a.jobId ?? "") < (b.jobId ?? "")
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

extension SourceDiagnostic {
    /// "us-east-1, job abc: message"
    public var line: String {
        let place = [region, jobId.map { "job \($0)" }].compactMap { $0 }.joined(separator: ", ")
        return place.isEmpty ? message : "\(place): \(message)"
    }
}
