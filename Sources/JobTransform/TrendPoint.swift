import Foundation
import JobFetch

/// One run of the history as the trend charts draw it: job counts by status, and the run's
/// finding totals by severity when it read any.
public struct TrendPoint: Sendable, Hashable {
    public var asOf: Date
    /// Whether the run read every region completely; a dip in a partial run is not a real dip.
    public var complete: Bool
    /// `jobStatus` value → jobs; the value is the API's text ("(none)" when absent).
    public var statusCounts: [String: Int]
    /// Every known finding count of the run's jobs added up, severity by severity; `nil` when
    /// the run read no counts (`--no-findings`, a recording without findings, every scope's
    /// call failed, or a run recorded before the history kept them). A chart skips such a run
    /// rather than draw a zero nobody counted. Jobs whose counts were unknown are left out
    /// of the totals, so a run with a findings gap is also not ``complete``.
    public var findings: FindingCounts?

    public init(asOf: Date, complete: Bool, statusCounts: [String: Int], findings: FindingCounts? = nil) {
        self.asOf = asOf
        self.complete = complete
        self.statusCounts = statusCounts
        self.findings = findings
    }
}

extension TrendPoint {
    /// This run's point: its status counts, as the summaries give them, and its finding totals.
    public init(_ report: ReportModel) {
        var counts: [String: Int] = [:]
        for row in report.summaries.rows(for: .jobStatus) { counts[row.value] = row.jobs }
        self.init(
            asOf: report.asOf, complete: report.isComplete, statusCounts: counts,
            findings: report.findingsRead ? report.findingTotals : nil)
    }
}
