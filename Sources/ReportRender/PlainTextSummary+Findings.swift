import Foundation
import JobFetch
import JobTransform

extension PlainTextSummary {
    /// "Most findings": the jobs report.html's "Findings by job" charts, one line each with
    /// its counts by severity, for a reader of the text part who cannot see the chart. Nothing
    /// when no job's counts were read: a list of zeros nobody counted would mislead.
    static func findingLines(_ report: ReportModel) -> [String] {
        guard report.findingsRead else { return [] }
        let top = report.topJobsByFindings(FindingsView.topLimit)
        let unknown = report.jobsWithoutFindingCounts
        var heading = "Most findings (High / Medium / Low / total; \(report.jobsWithHighFindings) jobs with High findings"
        if unknown > 0 { heading += ", the counts of \(HTMLReportView.plural(unknown, "job")) unknown" }
        var lines = [heading + "):"]
        if top.isEmpty { lines.append("  No job has findings.") }
        for record in top {
            let counts = record.findings ?? .zero
            lines.append(
                "  - \(job(record.name, record.jobId)) \(clean(record.region)): "
                    + "\(counts.high) / \(counts.medium) / \(counts.low) / \(counts.total)")
        }
        lines.append("")
        return lines
    }
}
