import CXlsxWriter
import Foundation

/// The workbook features beyond cells: Excel tables, conditional formats, links, printing.
extension XLSXSheet {
    /// An Excel table over the range, with these column headers (it brings its own
    /// autofilter and banded style). Call before writing the range's rows.
    ///
    /// libxlsxwriter's conditions are checked first (it would print a warning of its own and
    /// refuse): a sheet streamed in constant-memory mode cannot hold a table, a table needs a
    /// data row, and a header has at most 255 characters.
    func addTable(lastRow: Int, headers: [String]) throws {
        if sheet.pointee.optimize != 0 {
            throw RenderError.workbook("sheet \(name): table: not possible on a sheet written in constant-memory mode")
        }
        if lastRow < 1 || headers.isEmpty {
            throw RenderError.workbook("sheet \(name): table: a table needs a column and a data row")
        }
        if let long = headers.first(where: { $0.unicodeScalars.count > 255 }) {
            throw RenderError.workbook(
                "sheet \(name): table: the column header \(long.prefix(40))... is longer than Excel's 255 characters")
        }
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

    /// A link cell showing `text` (a string, never a formula). Returns false, writing
    /// nothing, for a link Excel would refuse: past 65 530 links on the sheet (see
    /// ``isFullOfLinks``), or a URL longer than the sheet allows; the caller writes plain text.
    /// Both limits are checked here, before libxlsxwriter, which would print a warning of its
    /// own to stderr.
    func write(_ row: Int, _ column: Int, link url: String, text: String, tooltip: String) throws -> Bool {
        guard !isFullOfLinks, Self.excelURLLength(url) <= Int(sheet.pointee.max_url_length) else { return false }
        let status = worksheet_write_url_opt(sheet, lxw_row_t(row), lxw_col_t(column), url, nil, text, tooltip)
        guard status == LXW_NO_ERROR else {
            throw RenderError.workbook("sheet \(name), row \(row + 1): link", status: status)
        }
        return true
    }

    /// Whether the sheet has as many links as Excel allows (65 530).
    var isFullOfLinks: Bool { Int(sheet.pointee.hlink_count) >= Int(LXW_MAX_NUMBER_URLS) }

    /// The length libxlsxwriter measures a URL by: the part before any `#`, in characters,
    /// after it escapes each space, backtick, `"<>[]^{}` and `%` that starts no `%XX` escape as
    /// `%XX` (three characters).
    static func excelURLLength(_ url: String) -> Int {
        let scalars = Array(url.unicodeScalars.prefix { $0 != "#" })
        var length = 0
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case " ", "\"", "<", ">", "[", "]", "`", "^", "{", "}": length += 3
            case "%":
                let escape =
                    i + 2 < scalars.count && scalars[i + 1].properties.isASCIIHexDigit
                    && scalars[i + 2].properties.isASCIIHexDigit
                length += escape ? 1 : 3
            default: length += 1
            }
        }
        return length
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
