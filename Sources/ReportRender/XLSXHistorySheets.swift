import CXlsxWriter
import Foundation
import JobFetch
import JobTransform

/// The Changes sheet: what the comparison with the previous run says, above changes.csv's rows.
enum XLSXChangesSheet {
    static func write(_ report: ReportModel, to sheet: XLSXSheet, _ styles: XLSXStyles) throws {
        guard let changes = report.changes else { return }
        var row = 0
        if changes.isFirstRun {
            try sheet.write(
                row, 0, text: "First run recorded in the history: nothing to compare with yet.", styles.title)
        } else {
            try sheet.write(
                row, 0, text: "Changes since the previous run (\(HTMLReportView.text(changes.previousAsOf)) UTC)",
                styles.title)
            row += 1
            let counts = changes.countedKinds.map { "\(changes.count($0)) \(ChangesView.label($0))" }
            try sheet.write(row, 0, text: counts.joined(separator: ", "))
        }
        row += 1
        for limit in changes.limits {
            try sheet.write(row, 0, text: "Not compared: " + limit, styles.alert)
            row += 1
        }
        row += 1
        let header = row
        let rows = changes.items.map(\.cells)
        let columns = ChangesCSVRenderer.columns
        let widths = columns.indices.map { c in
            min(XLSXSheet.width(header: columns[c], cells: rows.lazy.map { $0[c] }), c == 0 ? 16 : 60)
        }
        try sheet.writeHeader(columns, widths: widths, row: header, styles)
        for (i, cells) in rows.enumerated() {
            let urgent = changes.items[i].isAlarm
            for (column, cell) in cells.enumerated() {
                // The kind of an urgent change (new High findings among them), and ERROR as the
                // new value, stand out in bold red.
                if case .text(let text) = cell, column == 0 && urgent || column == 7 && text == "ERROR" {
                    try sheet.write(header + 1 + i, column, text: text, styles.alert)
                } else {
                    try sheet.write(header + 1 + i, column, cell: cell, styles)
                }
            }
        }
        try sheet.freezeHeaderWithFilter(headerRow: header, lastRow: header + rows.count, lastColumn: columns.count - 1)
        try sheet.printSetup(repeatHeader: true)
    }
}

/// The Trend sheet: job counts by status in each run of the history (oldest first, this run
/// last) and a native stacked column chart of them, in the status colours; when any run read
/// finding counts, three more columns (High, Medium and Low findings, empty for a run without
/// counts, never 0) and a second chart of them below the first.
enum XLSXTrendSheet {
    /// The finding columns' headers, High first, after `total`.
    static let findingColumns = FindingSeverity.allCases.map { "\($0.rawValue) findings" }

    static func write(_ points: [TrendPoint], to sheet: XLSXSheet, in book: XLSXWorkbook, _ styles: XLSXStyles) throws {
        let statuses = TrendChartView.order(points)
        let hasFindings = points.contains { $0.findings != nil }
        let total = 2 + statuses.count
        let header = ["run (UTC)", "complete"] + statuses + ["total"] + (hasFindings ? findingColumns : [])
        try sheet.writeHeader(header, widths: header.map { max(Double($0.count) + 3, 12) }, styles)
        try sheet.setColumn(0, width: 20)
        for (i, point) in points.enumerated() {
            try sheet.write(i + 1, 0, date: point.asOf, styles.date)
            try sheet.write(i + 1, 1, text: point.complete ? "yes" : "no (partial)")
            for (c, status) in statuses.enumerated() {
                try sheet.write(i + 1, 2 + c, number: Double(TrendChartView.count(point, status, statuses)))
            }
            try sheet.write(i + 1, total, number: Double(point.statusCounts.values.reduce(0, +)))
            for (c, severity) in FindingSeverity.allCases.enumerated() {
                guard let findings = point.findings else { break }
                try sheet.write(i + 1, total + 1 + c, cell: .count(findings[severity]), styles)
            }
        }
        worksheet_freeze_panes(sheet.sheet, 1, 0)
        if !statuses.isEmpty {
            let chart = try book.trendChart(sheet: sheet.name, runs: points.count, statuses: statuses)
            try sheet.insert(chart: chart, row: 1, column: header.count + 1)
        }
        if hasFindings {
            let chart = try book.findingsTrendChart(sheet: sheet.name, runs: points.count, firstColumn: total + 1)
            // Below the status chart (about 15 rows tall at the default size).
            try sheet.insert(chart: chart, row: 17, column: header.count + 1)
        }
        try sheet.printSetup(repeatHeader: true)
    }
}

extension XLSXWorkbook {
    /// A stacked column chart: one series per status (columns C onwards of the Trend sheet),
    /// one column per run (dates in column A).
    func trendChart(sheet: String, runs: Int, statuses: [String]) throws -> OpaquePointer {
        try runsChart(
            sheet: sheet, runs: runs, firstColumn: 2,
            series: statuses.map { ($0, TrendChartView.color($0, statuses)) },
            title: "Jobs by status, last \(runs) run\(runs == 1 ? "" : "s")")
    }

    /// A stacked column chart on a sheet of one row per run (dates in column A): one series
    /// per column from `firstColumn` (1-based) on, named by its header cell and filled with its
    /// `RRGGBB` colour. An empty cell is a gap, not a zero.
    func runsChart(sheet: String, runs: Int, firstColumn: Int, series: [(name: String, hex: String)], title: String) throws
        -> OpaquePointer
    {
        try requireSheet(sheet, for: title)
        guard let chart = workbook_add_chart(handle, UInt8(LXW_CHART_COLUMN_STACKED.rawValue)) else {
            throw RenderError.workbook("cannot add the chart \(title)")
        }
        let last = runs + 1
        for (i, entry) in series.enumerated() {
            let column = XLSXSheet.columnLetters(firstColumn + i)
            try XLSXSeries.add(
                to: chart, categories: "=\(sheet)!$A$2:$A$\(last)", values: "=\(sheet)!$\(column)$2:$\(column)$\(last)",
                name: "=\(sheet)!$\(column)$1", hex: entry.hex, what: "\(title): \(entry.name)")
        }
        chart_title_set_name(chart, title)
        chart_axis_set_min(chart.pointee.y_axis, 0)
        chart_axis_set_num_format(chart.pointee.x_axis, "yyyy-mm-dd")
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        return OpaquePointer(chart)
    }
}
