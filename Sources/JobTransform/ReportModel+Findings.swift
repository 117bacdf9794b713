import JobFetch

extension ReportModel {
    /// Whether any job's finding counts are known: without them (`--no-findings`, samples
    /// without findings, every scope's call failed) the reports leave findings out rather than
    /// show zeros nobody counted.
    public var findingsRead: Bool { records.contains { $0.findings != nil } }

    /// Jobs with at least one High finding, among those whose counts are known.
    public var jobsWithHighFindings: Int { records.reduce(0) { $0 + (($1.findings?.high ?? 0) > 0 ? 1 : 0) } }

    /// Jobs whose counts could not be read although findings were looked up (their scope's
    /// findings gap); they are left out of every findings total.
    public var jobsWithoutFindingCounts: Int { records.reduce(0) { $0 + ($1.findings == nil ? 1 : 0) } }

    /// Every known count added up, severity by severity.
    public var findingTotals: FindingCounts { records.reduce(.zero) { $0 + ($1.findings ?? .zero) } }

    /// The `limit` jobs with the most findings: most High first, then most in total, then in
    /// report order (so equal counts always list the same way). Jobs without findings or
    /// with unknown counts are left out.
    public func topJobsByFindings(_ limit: Int) -> [JobRecord] {
        let ranked = records.indices.filter { (records[$0].findings?.total ?? 0) > 0 }
            .sorted { a, b in
                let x = records[a].findings ?? .zero
                let y = records[b].findings ?? .zero
                if x.high != y.high { return x.high > y.high }
                if x.total != y.total { return x.total > y.total }
                return a < b
            }
        return ranked.prefix(max(0, limit)).map { records[$0] }
    }
}
