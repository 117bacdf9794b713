import CXlsxWriter
import Foundation
import JobTransform

/// The Errors sheet: errors.csv's columns, one row per error event of each job's last run.
///
/// Every value is a string cell, so a bucket named `=cmd|...` stays text. An Excel table
/// when the workbook is built in memory and there is a row; otherwise a header with an
/// autofilter. A sheet holds at most Excel's 1 048 576 rows: events beyond are left out and
/// counted, as are cells cut at Excel's 32 767 characters, and the Summary sheet says so
/// (errors.csv has them all, whole).
enum XLSXErrorsSheet {
    /// Excel's last row, the header included.
    static let excelRows = 1_048_576

    /// What the sheet could not hold, for the Summary sheet's notes.
    struct Notes {
        var omittedEvents = 0
        var truncatedCells = 0
    }

    static func write(_ report: ReportModel, asTable: Bool, to sheet: XLSXSheet, _ styles: XLSXStyles) throws -> Notes {
        let columns = ErrorColumn.all
        let total = ErrorColumn.count(report)
        let written = min(total, excelRows - 1)
        let sample = ErrorColumn.rows(report).prefix(2_000)
        let widths = columns.map { column in XLSXSheet.width(header: column.name, cells: sample.lazy.map(column.value)) }
        if asTable, written > 0 { try sheet.addTable(lastRow: written, headers: columns.map(\.name)) }
        try sheet.writeHeader(columns.map(\.name), widths: widths, styles)
        var notes = Notes(omittedEvents: total - written)
        for (i, (record, event)) in ErrorColumn.rows(report).prefix(written).enumerated() {
            for (column, definition) in columns.enumerated() {
                if try sheet.write(i + 1, column, cell: definition.value(record, event), styles) { notes.truncatedCells += 1 }
            }
        }
        if asTable, written > 0 {
            worksheet_freeze_panes(sheet.sheet, 1, 0)
        } else {
            try sheet.freezeHeaderWithFilter(lastRow: written, lastColumn: columns.count - 1)
        }
        try sheet.printSetup(repeatHeader: true)
        return notes
    }
}
