import CXlsxWriter
import Foundation

/// The workbook features beyond cells: Excel tables, conditional formats, links, printing.
extension XLSXSheet {
    /// An Excel table over the range, with these column headers (it brings its own
    /// autofilter and banded style). Call before writing the range's rows.
    func addTable(lastRow: Int, headers: [String]) throws {
        var columns = headers.map { name -> UnsafeMutablePointer<lxw_table_column>? in
            let column = UnsafeMutablePointer<lxw_table_column>.allocate(capacity: 1)
            column.initialize(to: lxw_table_column())
            column.pointee.header = strdup(name)
            return column
        }
        columns.append(nil)
        defer {
            for column in columns.compactMap({ $0 }) {
                free(column.pointee.header)
                column.deallocate()
            }
        }
        var options = lxw_table_options()
        options.style_type = UInt8(LXW_TABLE_STYLE_TYPE_LIGHT.rawValue)
        options.style_type_number = 9
        let status = columns.withUnsafeMutableBufferPointer { buffer in
            options.columns = buffer.baseAddress
            return worksheet_add_table(sheet, 0, 0, lxw_row_t(lastRow), lxw_col_t(headers.count - 1), &options)
        }
        guard status == LXW_NO_ERROR else { throw RenderError.workbook("sheet \(name): table", status: status) }
    }

    /// Formats the cells of a column range where `formula` (written for the first row, with
    /// relative row references) is true. The formula is ours, never data.
    func highlight(rows: ClosedRange<Int>, columns: ClosedRange<Int>, formula: String, _ format: UnsafeMutablePointer<lxw_format>)
        throws
    {
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
        rule.format = format
        let status = formula.withCString { text in
            rule.value_string = UnsafeMutablePointer(mutating: text)
            return worksheet_conditional_format_range(
                sheet, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound), lxw_row_t(rows.upperBound),
                lxw_col_t(columns.upperBound), &rule)
        }
        guard status == LXW_NO_ERROR else {
            throw RenderError.workbook("sheet \(name): conditional format", status: status)
        }
    }

    /// A link cell showing `text` (a string, never a formula). Excel allows 65 530 links a
    /// sheet; returns false past that, for the caller to write plain text.
    func write(_ row: Int, _ column: Int, link url: String, text: String, tooltip: String) throws -> Bool {
        let status = worksheet_write_url_opt(sheet, lxw_row_t(row), lxw_col_t(column), url, nil, text, tooltip)
        if status == LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED { return false }
        guard status == LXW_NO_ERROR else {
            throw RenderError.workbook("sheet \(name), row \(row + 1): link", status: status)
        }
        return true
    }

    /// Landscape, one page wide, header row repeated on every printed page.
    func printSetup(repeatHeader: Bool) throws {
        worksheet_set_landscape(sheet)
        worksheet_fit_to_pages(sheet, 1, 0)
        if repeatHeader {
            let status = worksheet_repeat_rows(sheet, 0, 0)
            guard status == LXW_NO_ERROR else {
                throw RenderError.workbook("sheet \(name): print titles", status: status)
            }
        }
    }
}
