import CXlsxWriter
import Foundation
import JobFetch
import JobTransform

/// "Jobs with the most findings" on the Summary sheet: the top jobs' counts by severity as
/// rows, and a native stacked bar chart drawn from them, High, Medium and Low in the colours
/// report.html uses. A chart's values must be cells of the workbook, and the top jobs are
/// not next to each other on the Jobs sheet, hence the rows.
///
/// Written only when some job's counts were read: a chart of zeros nobody counted would
/// claim that nothing was found.
enum XLSXTopFindings {
    /// Characters of a job name in the rows (and so on the chart's axis); the Jobs sheet has
    /// every name whole.
    static let nameLimit = 40

    /// Writes the rows from `start` down (cells in columns A to E, left of the charts) and
    /// places the chart at `chartRow`, column F. Returns the next free row.
    static func write(
        _ report: ReportModel, at start: Int, chartRow: Int, to sheet: XLSXSheet, in book: XLSXWorkbook, _ styles: XLSXStyles
    ) throws -> Int {
        guard report.findingsRead else { return start }
        let top = report.topJobsByFindings(FindingsView.topLimit)
        var row = start
        try sheet.write(row, 0, text: "Jobs with the most findings", styles.header)
        row += 1
        guard !top.isEmpty else {
            try sheet.write(row, 0, text: "No job has findings")
            return row + 1
        }
        let header = row
        for (column, name) in (["job", "region"] + FindingSeverity.allCases.map(\.rawValue)).enumerated() {
            try sheet.write(row, column, text: name, styles.header)
        }
        row += 1
        for record in top {
            let counts = record.findings ?? .zero
            try sheet.write(row, 0, text: PlainTextSummary.clean(record.name ?? record.jobId ?? "(no name)", limit: nameLimit))
            try sheet.write(row, 1, text: record.region)
            for (i, severity) in FindingSeverity.allCases.enumerated() {
                try sheet.write(row, 2 + i, number: Double(counts[severity]))
            }
            row += 1
        }
        let chart = try book.findingsChart(header: header, jobs: top.count)
        try sheet.insert(chart: chart, row: chartRow, column: 5)
        return row
    }
}

extension XLSXWorkbook {
    /// A stacked bar chart of the rows below `header` (0-based) on the Summary sheet: job
    /// names in column A, one series per severity in columns C to E, named by the header.
    func findingsChart(header: Int, jobs: Int) throws -> OpaquePointer {
        let title = "Jobs with the most findings"
        try requireSheet("Summary", for: title)
        guard let chart = workbook_add_chart(handle, UInt8(LXW_CHART_BAR_STACKED.rawValue)) else {
            throw RenderError.workbook("cannot add chart \(title)")
        }
        let first = header + 2
        let last = header + 1 + jobs
        for (i, severity) in FindingSeverity.allCases.enumerated() {
            let column = XLSXSheet.columnLetters(2 + i)
            try XLSXSeries.add(
                to: chart, categories: "=Summary!$A$\(first):$A$\(last)",
                values: "=Summary!$\(column)$\(first):$\(column)$\(last)", name: "=Summary!$\(column)$\(header + 1)",
                hex: SeverityPalette.hex(severity), what: "\(title): \(severity.rawValue)")
        }
        chart_title_set_name(chart, title)
        // As in the other bar charts: values from zero, the jobs top-down in the rows' order.
        chart_axis_set_min(chart.pointee.x_axis, 0)
        chart_axis_set_reverse(chart.pointee.y_axis)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        return OpaquePointer(chart)
    }
}
