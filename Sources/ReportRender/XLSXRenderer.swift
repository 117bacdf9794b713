import CXlsxWriter
import Foundation
import JobTransform

/// `report.xlsx`: Summary, Changes (with a history), Jobs, Attention, Trend (with a
/// history), Errors and Coverage sheets, through libxlsxwriter.
///
/// Text is always a string cell (a name like `=HYPERLINK(...)` stays text), dates are real
/// date cells, numbers are numbers. Constant-memory mode keeps a 100 000-job workbook's
/// memory flat; every sheet is therefore written top to bottom, once.
public struct XLSXRenderer: ReportRenderer {
    public let fileName = "report.xlsx"
    /// The most jobs for which the Jobs sheet is an Excel table (see ``write(_:to:)``).
    public static let tableLimit = 20_000

    public init() {}

    public func write(_ report: ReportModel, to url: URL) throws {
        // libxlsxwriter cannot make an Excel table in constant-memory mode. Up to
        // `tableLimit` jobs the Jobs sheet is a table, built in memory (a few MB); beyond it,
        // rows stream to disk and the sheet gets a plain autofilter instead, so 100 000 jobs
        // still fit in memory.
        // The Errors sheet is held in memory with the rest, so its events count against the
        // same limit.
        let errorCount = ErrorColumn.count(report)
        let inMemory = report.records.count <= Self.tableLimit && errorCount <= Self.tableLimit
        let asTable = !report.records.isEmpty && inMemory
        let book = try XLSXWorkbook(
            path: url.path, constantMemory: !inMemory, tmpdir: url.deletingLastPathComponent().path)
        try book.setProperties(
            title: "Macie classification jobs",
            subject: "Amazon Macie classification jobs as of \(CellValue.format(report.asOf))",
            created: report.asOf)
        let styles = XLSXStyles(book)
        let summary = try book.addSheet("Summary")
        // With a history, what changed comes right after the Summary: it is what is read first.
        let changes = try report.changes.map { _ in try book.addSheet("Changes") }
        let jobs = try book.addSheet("Jobs")
        let attention = try book.addSheet("Attention")
        let trend = try report.trend.isEmpty ? nil : book.addSheet("Trend")
        // Last, so the sheets before it keep their places (and their sheetN.xml names).
        let errors = try book.addSheet("Errors")
        // Added later than Errors, and last for the same reason.
        let coverage = try book.addSheet("Coverage")
        if let changes { try XLSXChangesSheet.write(report, to: changes, styles) }
        let written = try XLSXJobsSheet.write(report, asTable: asTable, to: jobs, styles)
        try XLSXAttentionSheet.write(report, to: attention, styles)
        if let trend { try XLSXTrendSheet.write(report.trend, to: trend, in: book, styles) }
        let errorsNotes = try XLSXErrorsSheet.write(report, asTable: inMemory, to: errors, styles)
        try XLSXCoverageSheet.write(report, asTable: inMemory, to: coverage, styles)
        try XLSXSummarySheet.write(report, jobsSheet: written, errorsSheet: errorsNotes, to: summary, in: book, styles)
        try book.close()
    }
}

/// The few cell formats the workbook uses, created once per workbook.
struct XLSXStyles {
    let header: UnsafeMutablePointer<lxw_format>
    let title: UnsafeMutablePointer<lxw_format>
    let date: UnsafeMutablePointer<lxw_format>
    let alert: UnsafeMutablePointer<lxw_format>
    /// Conditional formats: a failed last run, a user-paused job about to be cancelled.
    let errorHighlight: UnsafeMutablePointer<lxw_format>
    let expiringHighlight: UnsafeMutablePointer<lxw_format>

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
        errorHighlight = book.format {
            format_set_bold($0)
            format_set_font_color($0, 0x8F1D1D)
            format_set_bg_color($0, 0xFBE3E1)
        }
        expiringHighlight = book.format {
            format_set_bold($0)
            format_set_font_color($0, 0x5B2E8C)
            format_set_bg_color($0, 0xEFE6F8)
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
    func writeHeader(_ names: [String], widths: [Double], row: Int = 0, _ styles: XLSXStyles) throws {
        for (column, name) in names.enumerated() {
            try setColumn(column, width: widths[column])
            try write(row, column, text: name, styles.header)
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

/// What the Jobs sheet wrote that the Summary sheet reports.
struct JobsSheetNotes {
    var truncatedCells = 0
    var unlinkedRows = 0
}

/// The Jobs sheet: jobs.csv's columns, one row per job, as an Excel table; each job's name
/// links to it in the Macie console; failed runs, jobs about to be cancelled and High
/// findings highlighted.
enum XLSXJobsSheet {
    static func write(_ report: ReportModel, asTable: Bool, to sheet: XLSXSheet, _ styles: XLSXStyles) throws -> JobsSheetNotes {
        let records = report.records
        let columns = JobColumn.all
        let sample = records.prefix(2_000)
        let widths = columns.map { column in XLSXSheet.width(header: column.name, cells: sample.lazy.map(column.value)) }
        if asTable { try sheet.addTable(lastRow: records.count, headers: columns.map(\.name)) }
        try sheet.writeHeader(columns.map(\.name), widths: widths, styles)
        let nameColumn = columns.firstIndex { $0.name == "name" }!
        var notes = JobsSheetNotes()
        var linking = true
        for (i, record) in records.enumerated() {
            for (column, definition) in columns.enumerated() {
                let cell = definition.value(record)
                if column == nameColumn, asTable, linking, case .text(let name) = cell, !name.isEmpty,
                    name.unicodeScalars.count <= 255,
                    let id = record.jobId
                {
                    let linked = try sheet.write(
                        i + 1, column, link: MacieConsole.jobURL(region: record.region, jobId: id), text: name,
                        tooltip: "Open in the Macie console")
                    if linked { continue }
                    // A URL too long for Excel leaves this one name plain; a full sheet, the rest.
                    linking = !sheet.isFullOfLinks
                }
                if column == nameColumn, !linking || !asTable { notes.unlinkedRows += 1 }
                if try sheet.write(i + 1, column, cell: cell, styles) { notes.truncatedCells += 1 }
            }
        }
        if asTable {
            worksheet_freeze_panes(sheet.sheet, 1, 0)
        } else {
            try sheet.freezeHeaderWithFilter(lastRow: records.count, lastColumn: columns.count - 1)
        }
        if !records.isEmpty { try highlight(report, sheet, styles) }
        try sheet.printSetup(repeatHeader: true)
        return notes
    }

    /// Rules written once for the whole column, relative to row 2, so they cost nothing per row.
    private static func highlight(_ report: ReportModel, _ sheet: XLSXSheet, _ styles: XLSXStyles) throws {
        let index = { (name: String) in JobColumn.all.firstIndex { $0.name == name }! }
        let letter = { (column: Int) in XLSXSheet.columnLetters(column) }
        let rows = 1...report.records.count
        let error = index("lastRunErrorStatus")
        try sheet.highlight(rows: rows, columns: error...error, formula: "=$\(letter(error))2=\"ERROR\"", styles.errorHighlight)
        let expires = index("jobExpiresAt")
        let status = letter(index("jobStatus"))
        let limit =
            report.asOf.addingTimeInterval(Double(report.expiryWindowDays) * 86_400).timeIntervalSince1970 / 86_400 + 25_569
        try sheet.highlight(
            rows: rows, columns: expires...expires,
            formula: "=AND($\(status)2=\"USER_PAUSED\",$\(letter(expires))2<>\"\",$\(letter(expires))2<=\(limit))",
            styles.expiringHighlight)
        // A job with High findings: its count in bold red (empty cells, counts not known, never are).
        guard report.findingsRead else { return }
        let high = letter(index("findingsHigh"))
        try sheet.highlight(
            rows: rows, columns: index("findingsHigh")...index("findingsHigh"),
            formula: "=AND(ISNUMBER($\(high)2),$\(high)2>0)", styles.errorHighlight)
    }
}

extension XLSXSheet {
    /// `A`, `Z`, `AA`... for a 0-based column.
    static func columnLetters(_ column: Int) -> String {
        var n = column + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}
