import CXlsxWriter
import Foundation
import JobTransform

/// `report.xlsx`: Summary, Jobs and Attention sheets, through libxlsxwriter.
///
/// Text is always a string cell (a name like `=HYPERLINK(...)` stays text), dates are real
/// date cells, numbers are numbers. Constant-memory mode keeps a 100 000-job workbook's
/// memory flat; every sheet is therefore written top to bottom, once.
public struct XLSXRenderer: ReportRenderer {
    public let fileName = "report.xlsx"

    public init() {}

    public func write(_ report: ReportModel, to url: URL) throws {
        let book = try XLSXWorkbook(
            path: url.path, constantMemory: true, tmpdir: url.deletingLastPathComponent().path)
        let styles = XLSXStyles(book)
        let summary = try book.addSheet("Summary")
        let jobs = try book.addSheet("Jobs")
        let attention = try book.addSheet("Attention")
        let truncated = try XLSXJobsSheet.write(report.records, to: jobs, styles)
        try XLSXAttentionSheet.write(report, to: attention, styles)
        try XLSXSummarySheet.write(report, truncatedCells: truncated, to: summary, styles)
        try book.close()
    }
}

/// The few cell formats the workbook uses, created once per workbook.
struct XLSXStyles {
    let header: UnsafeMutablePointer<lxw_format>
    let title: UnsafeMutablePointer<lxw_format>
    let date: UnsafeMutablePointer<lxw_format>
    let alert: UnsafeMutablePointer<lxw_format>

    init(_ book: XLSXWorkbook) {
        header = book.format {
            format_set_bold($0)
            format_set_bg_color($0, 0xEEF1F4)
        }
        title = book.format {
            format_set_bold($0)
            format_set_font_size($0, 14)
        }
        date = book.format { format_set_num_format($0, "yyyy-mm-dd hh:mm:ss") }
        alert = book.format {
            format_set_bold($0)
            format_set_font_color($0, 0x8F1D1D)
        }
    }
}

/// Writes one typed value; the Jobs and Attention sheets share it.
extension XLSXSheet {
    @discardableResult
    func write(_ row: Int, _ column: Int, cell: CellValue, _ styles: XLSXStyles) throws -> Bool {
        switch cell {
        case .empty: return false
        case .text(let text): return try write(row, column, text: text)
        case .number(let number): try write(row, column, number: number)
        case .date(let date): try write(row, column, date: date, styles.date)
        }
        return false
    }

    /// A bold header row, then widths fitted to the header and the longest value (capped).
    func writeHeader(_ names: [String], widths: [Double], _ styles: XLSXStyles) throws {
        for (column, name) in names.enumerated() {
            try setColumn(column, width: widths[column])
            try write(0, column, text: name, styles.header)
        }
    }

    /// A column width in characters for these cells: at least the header, at most 60.
    static func width(header: String, cells: some Sequence<CellValue>) -> Double {
        var longest = header.count + 3
        for cell in cells {
            let length: Int
            switch cell {
            case .empty: length = 0
            case .date: length = 19
            case .number(let n): length = CellValue.format(n).utf8.count
            case .text(let t): length = t.utf8.count
            }
            if length > longest { longest = length }
            if longest >= 60 { return 60 }
        }
        return Double(longest + 1)
    }
}

/// The Jobs sheet: jobs.csv's columns, one row per job.
enum XLSXJobsSheet {
    /// Returns how many cells had to be truncated to Excel's cell limit.
    static func write(_ records: [JobRecord], to sheet: XLSXSheet, _ styles: XLSXStyles) throws -> Int {
        let columns = JobColumn.all
        let sample = records.prefix(2_000)
        let widths = columns.map { column in XLSXSheet.width(header: column.name, cells: sample.lazy.map(column.value)) }
        try sheet.writeHeader(columns.map(\.name), widths: widths, styles)
        var truncated = 0
        for (i, record) in records.enumerated() {
            for (column, definition) in columns.enumerated()
            where try sheet.write(i + 1, column, cell: definition.value(record), styles) {
                truncated += 1
            }
        }
        try sheet.freezeHeaderWithFilter(lastRow: records.count, lastColumn: columns.count - 1)
        return truncated
    }
}
