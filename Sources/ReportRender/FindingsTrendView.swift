import Foundation
import JobFetch
import JobTransform

/// Findings over time: each run's finding totals by severity as stacked columns for
/// `trend.mustache` (the same partial as jobs by status, so a user's own `trend.mustache`
/// draws both), on the same slots as that chart so a run's two columns line up.
///
/// A run that read no counts (`TrendPoint.findings` is `nil`: `--no-findings`, a failed
/// call in every scope, or recorded before the history kept counts) gets no column and "no
/// counts" in the description, never a zero column: zero would say its jobs found nothing.
/// Partial runs are faded as in the status chart (a findings gap makes a run partial, and
/// its totals leave out the jobs whose counts were not read).
enum FindingsTrendView {
    static func make(_ points: [TrendPoint]) -> [String: Any] {
        let counted = points.compactMap(\.findings)
        guard !counted.isEmpty else { return ["hasTrend": false] }
        let width = TrendChartView.width
        let left = TrendChartView.plotLeft
        let top = TrendChartView.plotTop
        let height = TrendChartView.plotHeight
        let largest = max(counted.map(\.total).max() ?? 0, 1)
        let slot = (width - left - 8) / Double(max(points.count, 10))
        let barWidth = max(slot * 0.7, 2)
        let base = top + height
        let labelEvery = max(1, Int((Double(points.count) / 8).rounded(.up)))
        var columns: [[String: Any]] = []
        for (i, point) in points.enumerated() {
            let x = left + Double(i) * slot + (slot - barWidth) / 2
            var y = base
            var segments: [[String: Any]] = []
            for severity in FindingSeverity.allCases {
                let count = point.findings?[severity] ?? 0
                guard count > 0 else { continue }
                let h = height * Double(count) / Double(largest)
                y -= h
                segments.append(["y": f(y), "height": f(h), "color": "#" + SeverityPalette.hex(severity)])
            }
            let isLabelled = (points.count - 1 - i) % labelEvery == 0
            columns.append([
                "x": f(x), "width": f(barWidth), "segments": segments, "opacity": point.complete ? "1" : "0.45",
                "label": isLabelled ? TrendChartView.date(point.asOf) : "", "labelX": f(x + barWidth / 2),
                "labelY": f(base + 14), "total": point.findings.map { String($0.total) } ?? "n/a", "totalY": f(y - 3),
                // A run without counts always says so above its empty slot.
                "showTotal": point.findings == nil || i == points.count - 1 || points.count <= 12,
            ])
        }
        let legend: [[String: Any]] = FindingSeverity.allCases.enumerated().map { position, severity in
            let x = left + Double(position) * 165
            let y = base + 34
            return [
                "label": severity.rawValue, "color": "#" + SeverityPalette.hex(severity), "x": f(x), "y": f(y - 9),
                "textX": f(x + 14), "textY": f(y),
            ]
        }
        let skipped = points.count - counted.count
        return [
            "hasTrend": true, "id": "chart-findings-trend",
            "title": "Findings over time, last \(points.count) run\(points.count == 1 ? "" : "s")"
                + (skipped > 0 ? " (\(skipped) without counts)" : ""),
            "width": f(width), "height": f(base + 34 + 20), "columns": columns, "legend": legend,
            "axisX": f(left - 4), "axisTop": f(top), "axisBase": f(base), "axisRight": f(width - 4),
            "topLabel": String(largest), "topLabelY": f(top + 4), "zeroLabelY": f(base + 4),
            "description": points.map { point in
                TrendChartView.date(point.asOf) + (point.complete ? "" : " (partial)") + ": "
                    + (point.findings.map { counts in
                        FindingSeverity.allCases.map { "\($0.rawValue) \(counts[$0])" }.joined(separator: ", ")
                    } ?? "no counts")
            }.joined(separator: "; "),
        ]
    }

    /// A run's cells in the trend table: High, Medium, Low, empty when it read no counts.
    static func cells(_ point: TrendPoint) -> [String] {
        FindingSeverity.allCases.map { severity in point.findings.map { String($0[severity]) } ?? "" }
    }

    private static func f(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
