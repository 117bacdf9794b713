import CXlsxWriter
import Foundation
import JobFetch

extension XLSXWorkbook {
    /// Findings over time on the Trend sheet: a stacked column chart, one series per severity
    /// (High, Medium, Low from `firstColumn` on), one column per run, in the colours of
    /// report.html's chart. A run without counts has empty cells there, which the chart
    /// leaves as a gap, not a zero.
    func findingsTrendChart(sheet: String, runs: Int, firstColumn: Int) throws -> OpaquePointer {
        try requireSheet(sheet, for: "findings trend")
        guard let chart = workbook_add_chart(handle, UInt8(LXW_CHART_COLUMN_STACKED.rawValue)) else {
            throw RenderError.workbook("cannot add the findings trend chart")
        }
        let last = runs + 1
        for (i, severity) in FindingSeverity.allCases.enumerated() {
            let column = XLSXSheet.columnLetters(firstColumn + i)
            guard
                let series = chart_add_series(
                    chart, "=\(sheet)!$A$2:$A$\(last)", "=\(sheet)!$\(column)$2:$\(column)$\(last)")
            else { throw RenderError.workbook("cannot add findings trend series \(severity.rawValue)") }
            chart_series_set_name(series, "=\(sheet)!$\(column)$1")
            var fill = lxw_chart_fill(
                color: UInt32(FindingsTrendView.colors[severity] ?? "767676", radix: 16) ?? 0x767676, none: 0,
                transparency: 0)
            chart_series_set_fill(series, &fill)
        }
        chart_title_set_name(chart, "Findings over time, last \(runs) run\(runs == 1 ? "" : "s")")
        chart_axis_set_min(chart.pointee.y_axis, 0)
        chart_axis_set_num_format(chart.pointee.x_axis, "yyyy-mm-dd")
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        return OpaquePointer(chart)
    }
}
