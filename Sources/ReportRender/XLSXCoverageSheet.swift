import CXlsxWriter
import Foundation
import JobFetch
import JobTransform

/// The Coverage sheet: coverage.csv's columns, one row per account-region of the walk.
///
/// Added after every other sheet, whatever the options, so the sheets before it keep their
/// places (and their `sheetN.xml` names) for anyone reading the workbook by position. Ids,
/// names, states and notes are string cells; the job counts are numbers. An Excel table when
/// the workbook is built in memory and there is a row; otherwise a header with an
/// autofilter. The states that are gaps (denied, failed, role-denied) are marked in red by a
/// conditional format; `macie-off` is a fact about the estate and stays plain.
enum XLSXCoverageSheet {
    static func write(_ report: ReportModel, asTable: Bool, to sheet: XLSXSheet, _ styles: XLSXStyles) throws {
        let columns = CoverageColumn.all
        let rows = report.coverage
        let widths = columns.map { column in
            XLSXSheet.width(header: column.name, cells: rows.prefix(2_000).lazy.map(column.value))
        }
        let table = asTable && !rows.isEmpty
        if table { try sheet.addTable(lastRow: rows.count, headers: columns.map(\.name)) }
        try sheet.writeHeader(columns.map(\.name), widths: widths, styles)
        for (i, row) in rows.enumerated() {
            for (column, definition) in columns.enumerated() {
                try sheet.write(i + 1, column, cell: definition.value(row), styles)
            }
        }
        if table {
            worksheet_freeze_panes(sheet.sheet, 1, 0)
        } else {
            try sheet.freezeHeaderWithFilter(lastRow: rows.count, lastColumn: columns.count - 1)
        }
        if !rows.isEmpty, let state = columns.firstIndex(where: { $0.name == "state" }) {
            let letter = XLSXSheet.columnLetters(state)
            let gaps = [ScopeState.denied, .failed, .roleDenied].map { "$\(letter)2=\"\($0.rawValue)\"" }
            try sheet.highlight(
                rows: 1...rows.count, columns: state...state, formula: "=OR(\(gaps.joined(separator: ",")))",
                styles.errorHighlight)
        }
        try sheet.printSetup(repeatHeader: true)
    }
}
