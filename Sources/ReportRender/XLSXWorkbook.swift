import CXlsxWriter
import Foundation
import StandardErrorOutput

/// A thin, checked wrapper over libxlsxwriter: every call that can fail throws a
/// ``RenderError`` with `lxw_strerror`'s text, and the C handles never escape this file.
final class XLSXWorkbook {
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    private let tmpdir: UnsafeMutablePointer<CChar>?
    /// C strings libxlsxwriter may read until the workbook is closed.
    private var retained: [UnsafeMutablePointer<CChar>?] = []
    /// The sheets added so far, to refuse a duplicate name before libxlsxwriter does.
    private var sheetNames: [String] = []

    /// The libxlsxwriter workbook, for the features in other files (charts).
    var handle: UnsafeMutablePointer<lxw_workbook>? { workbook }

    /// Constant-memory mode streams each finished row to a temporary file in `tmpdir`, so a
    /// 100 000-row sheet does not sit in memory; rows must then be written in order.
    init(path: String, constantMemory: Bool, tmpdir: String) throws {
        self.tmpdir = strdup(tmpdir)
        var options = lxw_workbook_options(constant_memory: constantMemory ? 1 : 0, tmpdir: self.tmpdir, use_zip64: 1)
        workbook = workbook_new_opt(path, &options)
        guard workbook != nil else {
            free(self.tmpdir)
            throw RenderError.workbook("libxlsxwriter could not start a workbook")
        }
    }

    deinit {
        // A workbook that was never closed (an error path) still owns memory and temp files.
        // The error that led here is already on its way; whatever libxlsxwriter prints about
        // this last close is not news.
        if let workbook { _ = LibraryOutput.capturing { workbook_close(workbook) } }
        free(tmpdir)
        retained.forEach { free($0) }
    }

    /// A new sheet. The name is checked against Excel's rules first, so libxlsxwriter never
    /// refuses it (it would print a warning of its own); in constant-memory mode the sheet's
    /// temporary file is created here, and a failure to create it is this call's error.
    func addSheet(_ name: String) throws -> XLSXSheet {
        if let problem = Self.sheetNameProblem(name, existing: sheetNames) {
            throw RenderError.workbook("cannot add sheet \(name): \(problem)")
        }
        let (sheet, printed) = LibraryOutput.capturing { workbook_add_worksheet(workbook, name) }
        guard let sheet else { throw RenderError.workbook("cannot add sheet \(name)\(Self.systemReason(printed))") }
        sheetNames.append(name)
        return XLSXSheet(sheet: sheet, name: name)
    }

    /// Why Excel would refuse this sheet name (libxlsxwriter's own checks, with duplicates
    /// compared as Excel does, ignoring case), or nil when it is a valid name.
    static func sheetNameProblem(_ name: String, existing: [String]) -> String? {
        if name.isEmpty { return "a sheet name cannot be empty" }
        if name.unicodeScalars.count > Int(LXW_SHEETNAME_MAX) {
            return "longer than Excel's \(LXW_SHEETNAME_MAX) characters"
        }
        if name.contains(where: { "[]:*?/\\".contains($0) }) { return "Excel does not allow [ ] : * ? / \\ in a sheet name" }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "a sheet name cannot start or end with an apostrophe" }
        if name.unicodeScalars.contains("\u{0}") { return "a sheet name cannot contain NUL" }
        if existing.contains(where: { $0.lowercased() == name.lowercased() }) {
            return "the workbook already has a sheet of that name"
        }
        return nil
    }

    /// Title, subject and creation time in the file's document properties.
    func setProperties(title: String, subject: String, created: Date) throws {
        var properties = lxw_doc_properties()
        let strings = [strdup(title), strdup(subject), strdup("macie-report")]
        retained += strings
        properties.title = strings[0]
        properties.subject = strings[1]
        properties.author = strings[2]
        properties.created = time_t(created.timeIntervalSince1970)
        let status = workbook_set_properties(workbook, &properties)
        guard status == LXW_NO_ERROR else { throw RenderError.workbook("document properties", status: status) }
    }

    /// A cell format; libxlsxwriter owns it and frees it when the workbook closes.
    func format(_ configure: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> {
        let format = workbook_add_format(workbook)!
        configure(format)
        return format
    }

    /// Writes the zip container. Any error here (disk full, say) leaves a partial file that the
    /// caller deletes.
    func close() throws {
        guard let workbook else { return }
        self.workbook = nil
        // libxlsxwriter prints a line of its own when the zip or a temporary file cannot be
        // written (nothing else it prints can happen here: names, links and tables are checked
        // before they reach it). That line is kept from stderr, this thread only, and its
        // system reason goes into the one error the run reports.
        let (status, printed) = LibraryOutput.capturing { workbook_close(workbook) }
        guard status == LXW_NO_ERROR else {
            throw RenderError.workbook(nil, status: status, reason: Self.systemReason(printed))
        }
    }

    /// The operating system's reason in what libxlsxwriter printed (`System error = ...`), as
    /// ` (reason)`, or "" when it gave none.
    static func systemReason(_ printed: String) -> String {
        guard let range = printed.range(of: "System error = ") else { return "" }
        let reason = printed[range.upperBound...].prefix { $0 != "\n" && $0 != "\r" }
            .trimmingCharacters(in: .whitespaces)
        return reason.isEmpty ? "" : " (\(reason))"
    }
}

/// One worksheet and the typed writes the reports need.
struct XLSXSheet {
    let sheet: UnsafeMutablePointer<lxw_worksheet>
    let name: String

    /// Excel keeps at most 32 767 characters in a cell; longer text is cut there and marked.
    static let maxCellCharacters = 32_767
    static let truncationMark = " [truncated]"

    /// Writes text as a string cell, never as a formula, whatever it starts with.
    /// Returns true when the text had to be truncated to fit a cell.
    @discardableResult
    func write(_ row: Int, _ column: Int, text: String, _ format: UnsafeMutablePointer<lxw_format>? = nil) throws -> Bool {
        var text = text
        var truncated = false
        if text.utf8.count > Self.maxCellCharacters, text.unicodeScalars.count > Self.maxCellCharacters {
            let keep = Self.maxCellCharacters - Self.truncationMark.unicodeScalars.count
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(keep))) + Self.truncationMark
            truncated = true
        }
        // A NUL would end the C string early; XML cannot hold one anyway. strlen finds it
        // far faster than scanning the Swift string.
        let status = text.withCString { pointer in
            strlen(pointer) == text.utf8.count
                ? worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), pointer, format) : nil
        }
        if let status {
            try check(status, row, column)
        } else {
            let cleaned = text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
            try check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), cleaned, format), row, column)
        }
        return truncated
    }

    func write(_ row: Int, _ column: Int, number: Double, _ format: UnsafeMutablePointer<lxw_format>? = nil) throws {
        try check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), number, format), row, column)
    }

    /// A real date cell: the Excel serial day number in UTC, shown with `format`.
    func write(_ row: Int, _ column: Int, date: Date, _ format: UnsafeMutablePointer<lxw_format>) throws {
        try write(row, column, number: date.timeIntervalSince1970 / 86_400 + 25_569, format)
    }

    func setColumn(_ column: Int, width: Double, _ format: UnsafeMutablePointer<lxw_format>? = nil) throws {
        let status = worksheet_set_column(sheet, lxw_col_t(column), lxw_col_t(column), width, format)
        guard status == LXW_NO_ERROR else { throw RenderError.workbook("sheet \(name)", status: status) }
    }

    /// Keeps the header row (and anything above it) in view and puts filter buttons on it.
    func freezeHeaderWithFilter(headerRow: Int = 0, lastRow: Int, lastColumn: Int) throws {
        worksheet_freeze_panes(sheet, lxw_row_t(headerRow + 1), 0)
        let status = worksheet_autofilter(
            sheet, lxw_row_t(headerRow), 0, lxw_row_t(max(lastRow, headerRow)), lxw_col_t(lastColumn))
        guard status == LXW_NO_ERROR else { throw RenderError.workbook("sheet \(name)", status: status) }
    }

    private func check(_ status: lxw_error, _ row: Int, _ column: Int) throws {
        guard status == LXW_NO_ERROR else {
            throw RenderError.workbook("sheet \(name), row \(row + 1), column \(column + 1)", status: status)
        }
    }
}
