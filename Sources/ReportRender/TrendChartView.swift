import Foundation
import JobTransform

/// Job counts by status over the last runs, as stacked columns for `trend.mustache`: one
/// column per run, oldest on the left, each status in its palette colour and in the legend.
/// Partial runs are drawn faded and named in the description, since their dip is not real.
/// Under `findings`, the second chart: findings over time (``FindingsTrendView``).
enum TrendChartView {
    static let width = 720.0
    static let plotLeft = 44.0
    static let plotTop = 30.0
    static let plotHeight = 150.0

    static func make(_ points: [TrendPoint]) -> [String: Any] {
        guard !points.isEmpty else { return ["hasTrend": false] }
        let statuses = order(points)
        let totals = points.map { $0.statusCounts.values.reduce(0, +) }
        let top = max(totals.max() ?? 0, 1)
        let slot = (width - plotLeft - 8) / Double(max(points.count, 10))
        let barWidth = max(slot * 0.7, 2)
        let base = plotTop + plotHeight
        let labelEvery = max(1, Int((Double(points.count) / 8).rounded(.up)))
        var columns: [[String: Any]] = []
        for (i, point) in points.enumerated() {
            var y = base
            let x = plotLeft + Double(i) * slot + (slot - barWidth) / 2
            var segments: [[String: Any]] = []
            for status in statuses {
                let jobs = count(point, status, statuses)
                guard jobs > 0 else { continue }
                let h = plotHeight * Double(jobs) / Double(top)
                y -= h
                segments.append([
                    "y": f(y), "height": f(h), "color": "#" + color(status, statuses),
                ])
            }
            let isLabelled = (points.count - 1 - i) % labelEvery == 0
            columns.append([
                "x": f(x), "width": f(barWidth), "segments": segments, "opacity": point.complete ? "1" : "0.45",
                "label": isLabelled ? date(point.asOf) : "", "labelX": f(x + barWidth / 2), "labelY": f(base + 14),
                "total": String(totals[i]), "totalY": f(y - 3),
                "showTotal": i == points.count - 1 || points.count <= 12,
            ])
        }
        let legend: [[String: Any]] = statuses.enumerated().map { position, status in
            let x = plotLeft + Double(position % 4) * 165
            let y = base + 34 + Double(position / 4) * 16
            return [
                "label": status, "color": "#" + color(status, statuses), "x": f(x), "y": f(y - 9),
                "textX": f(x + 14), "textY": f(y),
            ]
        }
        let height = base + 34 + Double((statuses.count + 3) / 4) * 16 + 4
        return [
            "hasTrend": true, "id": "chart-trend",
            "title": "Jobs by status, last \(points.count) run\(points.count == 1 ? "" : "s")",
            "width": f(width), "height": f(height), "columns": columns, "legend": legend,
            "axisX": f(plotLeft - 4), "axisTop": f(plotTop), "axisBase": f(base), "axisRight": f(width - 4),
            "topLabel": String(top), "topLabelY": f(plotTop + 4), "zeroLabelY": f(base + 4),
            "description": points.map { point in
                date(point.asOf) + (point.complete ? "" : " (partial)") + ": "
                    + statuses.map { "\($0) \(count(point, $0, statuses))" }.joined(separator: ", ")
            }.joined(separator: "; "),
            "runs": points.reversed().map { point in
                [
                    "date": HTMLReportView.text(point.asOf), "partial": !point.complete,
                    "cells": statuses.map { String(count(point, $0, statuses)) },
                    "total": String(point.statusCounts.values.reduce(0, +)),
                    "findings": FindingsTrendView.cells(point),
                ] as [String: Any]
            },
            "statuses": statuses,
            "findings": FindingsTrendView.make(points),
        ]
    }

    /// The series: statuses in the palette's order (the model's), then up to four others by
    /// name, then one ``otherLabel`` series for the rest, so odd data cannot make the legend,
    /// the table or the workbook's chart grow without bound.
    static func order(_ points: [TrendPoint]) -> [String] {
        let seen = Set(points.flatMap { $0.statusCounts.filter { $0.value > 0 }.keys })
        let known = ["RUNNING", "PAUSED", "USER_PAUSED", "IDLE", "COMPLETE", "CANCELLED"]
        let unlisted = seen.subtracting(known).sorted()
        let shown = unlisted.prefix(StatusPalette.unlisted.count)
        return known.filter(seen.contains) + shown + (unlisted.count > shown.count ? [otherLabel] : [])
    }

    /// The series that sums the statuses beyond those shown.
    static let otherLabel = "(other statuses)"

    /// A run's jobs in one series of `order(_:)`.
    static func count(_ point: TrendPoint, _ status: String, _ series: [String]) -> Int {
        guard status == otherLabel else { return point.statusCounts[status] ?? 0 }
        return point.statusCounts.filter { !series.contains($0.key) }.values.reduce(0, +)
    }

    /// A status's colour in the trend: its palette colour, or a distinct one if unlisted.
    static func color(_ status: String, _ statuses: [String]) -> String {
        if status == otherLabel { return StatusPalette.unknown }
        let unlisted = statuses.filter { StatusPalette.byValue[$0] == nil }
        return StatusPalette.statusHex(status, unlistedIndex: unlisted.firstIndex(of: status) ?? 0)
    }

    static func date(_ date: Date) -> String { String(HTMLReportView.text(date).prefix(10)) }

    private static func f(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
