import Foundation
import JobFetch
import JobTransform

/// Findings in report.html, as values for report.mustache and `findings.mustache`: the
/// headline tile (jobs with High findings) and the "Findings by job" chart of the jobs with
/// the most findings. The job table's counts come from each row (`JobRow`).
///
/// When no job's counts were read (`--no-findings`, samples without findings, every scope's
/// call failed), the report's `findingsRead` is false and none of it is shown: a tile or a
/// chart of zeros would claim that nobody found anything, when nobody counted.
///
/// The chart is an HTML table of bars, not an SVG like the other charts: its labels are job
/// names, which need `<bdi>` (only HTML has it) so a name with a right-to-left override cannot
/// reorder the text around it, and which wrap on a phone where SVG text would be cut; mail
/// clients that drop SVG still show it. Each bar is labelled with its counts, so colour is
/// never the only signal.
enum FindingsView {
    /// Jobs in the chart; jobs.csv and report.xlsx have every job's counts.
    static let topLimit = 10
    /// The share of a row (in %) that the longest bar fills, so the longest bar is as long as
    /// the row allows, with room for each segment's rounding up to ``minimumWidth``.
    static let track = 96.0
    /// The narrowest segment (in % of the row): a count of 1 next to a count of 10 000 stays visible.
    static let minimumWidth = 1.0

    /// The headline tile, or `nil` when no counts were read. Jobs whose counts are unknown are
    /// not counted in it, and the label says how many there are.
    static func tile(_ report: ReportModel) -> [String: Any]? {
        guard report.findingsRead else { return nil }
        let high = report.jobsWithHighFindings
        let unknown = report.jobsWithoutFindingCounts
        let note = unknown == 0 ? "" : " (\(unknown) job\(unknown == 1 ? "'s" : "s'") counts unknown)"
        return ["label": "jobs with High findings" + note, "value": String(high), "alert": high > 0]
    }

    /// The chart's values; `show` is false when no counts were read.
    static func make(_ report: ReportModel) -> [String: Any] {
        guard report.findingsRead else { return ["show": false] }
        let top = report.topJobsByFindings(topLimit)
        let most = max(top.map { $0.findings?.total ?? 0 }.max() ?? 0, 1)
        let unknown = report.jobsWithoutFindingCounts
        return [
            "show": true, "title": "Findings by job", "hasRows": !top.isEmpty,
            "rows": top.map { row($0, most: most) },
            "legend": FindingSeverity.allCases.map { ["label": $0.rawValue, "color": "#" + SeverityPalette.hex($0)] },
            "caption":
                "The \(HTMLReportView.plural(top.count, "job")) with the most High findings, then the most findings. "
                + "jobs.csv and report.xlsx have every job's counts.",
            "totals": totals(report.findingTotals),
            "hasUnknown": unknown > 0,
            "unknown":
                "The counts of \(HTMLReportView.plural(unknown, "job")) could not be read and are left out: see INCOMPLETE at the top.",
        ]
    }

    /// One job's bar: a segment per severity it has, then a spacer filling the row.
    static func row(_ record: JobRecord, most: Int64) -> [String: Any] {
        let counts = record.findings ?? .zero
        var used = 0.0
        let segments: [[String: Any]] = FindingSeverity.allCases.filter { counts[$0] > 0 }.map { severity in
            let width = max(minimumWidth, (track * Double(counts[severity]) / Double(most) * 10).rounded(.up) / 10)
            used += width
            return ["color": "#" + SeverityPalette.hex(severity), "width": format(width)]
        }
        return [
            "name": FailuresView.cut(record.name ?? record.jobId ?? "(no name)"), "jobId": record.jobId ?? "",
            "region": record.region, "hasAccount": record.accountId != nil, "accountId": record.accountId ?? "",
            "consoleURL": MacieConsole.jobURL(region: record.region, jobId: record.jobId),
            "segments": segments, "rest": format(max(0, 100 - used)), "counts": self.counts(counts),
        ]
    }

    /// `74 findings: High 6, Medium 10, Low 58`.
    static func counts(_ counts: FindingCounts) -> String {
        "\(counts.total) finding\(counts.total == 1 ? "" : "s"): "
            + FindingSeverity.allCases.map { "\($0.rawValue) \(counts[$0])" }.joined(separator: ", ")
    }

    /// `Across all jobs: 2128 findings (High 59, Medium 460, Low 1609).`
    static func totals(_ counts: FindingCounts) -> String {
        "Across all jobs: \(counts.total) finding\(counts.total == 1 ? "" : "s") ("
            + FindingSeverity.allCases.map { "\($0.rawValue) \(counts[$0])" }.joined(separator: ", ") + ")."
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
