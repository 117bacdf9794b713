import JobTransform

/// A horizontal bar chart as values for `chart.mustache`: the geometry is computed here, the
/// SVG is written by the template (so every label is escaped by Mustache like any value).
///
/// Sized in a viewBox so it scales from a phone to a desktop; the title and a text
/// description (every value and count) make it readable without seeing it.
enum ChartView {
    static let width = 360.0
    static let labelWidth = 120.0
    static let barHeight = 18.0
    static let gap = 6.0
    static let top = 28.0

    static func make(id: String, title: String, rows: [SummaryRow]) -> [String: Any] {
        let rows = rows.filter { $0.jobs > 0 || $0.isKnownValue }
        let maxJobs = max(rows.map(\.jobs).max() ?? 0, 1)
        let barSpace = width - labelWidth - 48
        let bars: [[String: Any]] = rows.enumerated().map { index, row in
            let y = top + Double(index) * (barHeight + gap)
            let length = row.jobs == 0 ? 0 : max(2, barSpace * Double(row.jobs) / Double(maxJobs))
            return [
                "label": row.value + (row.isKnownValue ? "" : " (new)"), "jobs": String(row.jobs),
                "y": format(y), "textY": format(y + barHeight * 0.72), "x": format(labelWidth),
                "width": format(length), "countX": format(labelWidth + length + 6), "height": format(barHeight),
                "color": "#" + StatusPalette.hex(row.value, position: index), "labelX": format(labelWidth - 6),
            ]
        }
        let height = top + Double(rows.count) * (barHeight + gap) + 4
        return [
            "id": id, "title": title, "width": format(width), "height": format(height), "bars": bars,
            "description": rows.map { "\($0.value) \($0.jobs)" }.joined(separator: ", "),
        ]
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
