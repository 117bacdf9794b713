import CXlsxWriter
import Foundation

/// Native bar charts on the Summary sheet, drawn by the spreadsheet from the summary rows,
/// one colour per value as in the HTML.
extension XLSXWorkbook {
    /// A bar chart of `rows` (0-based, inclusive) of the Summary sheet: labels in column B,
    /// counts in column C.
    func summaryChart(title: String, rows: ClosedRange<Int>, values: [String]) throws -> OpaquePointer {
        try requireSheet("Summary", for: title)
        guard let chart = workbook_add_chart(handle, UInt8(LXW_CHART_BAR.rawValue)) else {
            throw RenderError.workbook("cannot add chart \(title)")
        }
        let categories = "=Summary!$B$\(rows.lowerBound + 1):$B$\(rows.upperBound + 1)"
        let counts = "=Summary!$C$\(rows.lowerBound + 1):$C$\(rows.upperBound + 1)"
        guard let series = chart_add_series(chart, categories, counts) else {
            throw RenderError.workbook("cannot add chart series \(title)")
        }
        var fills = values.enumerated().map { index, value in
            lxw_chart_fill(
                color: UInt32(StatusPalette.hex(value, position: index), radix: 16) ?? 0x767676, none: 0, transparency: 0)
        }
        var points = [lxw_chart_point](repeating: lxw_chart_point(), count: fills.count)
        let status = fills.withUnsafeMutableBufferPointer { fillBuffer -> lxw_error in
            points.withUnsafeMutableBufferPointer { pointBuffer -> lxw_error in
                var list: [UnsafeMutablePointer<lxw_chart_point>?] = []
                for i in pointBuffer.indices {
                    pointBuffer[i].fill = fillBuffer.baseAddress! + i
                    list.append(pointBuffer.baseAddress! + i)
                }
                list.append(nil)
                return list.withUnsafeMutableBufferPointer { chart_series_set_points(series, $0.baseAddress) }
            }
        }
        guard status == LXW_NO_ERROR else { throw RenderError.workbook("chart \(title)", status: status) }
        chart_title_set_name(chart, title)
        // In a bar chart the x axis holds the values: start it at zero so bar lengths compare
        // honestly, and list the categories top-down in the sheet's order.
        chart_axis_set_min(chart.pointee.x_axis, 0)
        chart_axis_set_reverse(chart.pointee.y_axis)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        return OpaquePointer(chart)
    }
}

extension XLSXSheet {
    /// Places a chart with its top-left corner at a cell.
    func insert(chart: OpaquePointer, row: Int, column: Int) throws {
        let status = worksheet_insert_chart(sheet, lxw_row_t(row), lxw_col_t(column), UnsafeMutablePointer(chart))
        guard status == LXW_NO_ERROR else { throw RenderError.workbook("sheet \(name): chart", status: status) }
    }
}

extension XLSXWorkbook {
    /// A chart's ranges name a sheet by name; libxlsxwriter looks it up when the workbook
    /// closes and prints a warning to stderr if it is missing. Checked when the chart is made.
    func requireSheet(_ name: String, for chart: String) throws {
        guard workbook_get_worksheet_by_name(handle, name) != nil else {
            throw RenderError.workbook("chart \(chart): the workbook has no sheet \(name)")
        }
    }
}

/// A chart's series with its name in a cell and one solid colour: the stacked charts (status
/// trend, findings trend, jobs with the most findings) each add one per status or severity.
enum XLSXSeries {
    /// Adds to `chart` the series of `values` over `categories` (range formulas such as
    /// `=Trend!$B$2:$B$9`), named by the cell `name` and filled with `hex` (`RRGGBB`).
    static func add(
        to chart: UnsafeMutablePointer<lxw_chart>, categories: String, values: String, name: String, hex: String,
        what: String
    ) throws {
        guard let series = chart_add_series(chart, categories, values) else {
            throw RenderError.workbook("cannot add chart series \(what)")
        }
        chart_series_set_name(series, name)
        var fill = lxw_chart_fill(color: UInt32(hex, radix: 16) ?? 0x767676, none: 0, transparency: 0)
        chart_series_set_fill(series, &fill)
    }
}
