import Foundation
import JobTransform

/// The Summary sheet: headline figures, gaps, the summary.csv rows, the status × type
/// cross-tab, the jobs with the most findings and notes, top to bottom.
enum XLSXSummarySheet {
    static func write(
        _ report: ReportModel, jobsSheet: JobsSheetNotes, errorsSheet: XLSXErrorsSheet.Notes = .init(), to sheet: XLSXSheet,
        in book: XLSXWorkbook, _ styles: XLSXStyles
    ) throws {
        var row = 0
        try sheet.setColumn(0, width: 24)
        try sheet.setColumn(1, width: 28)
        try sheet.setColumn(2, width: 12)
        try sheet.write(row, 0, text: "Macie classification jobs", styles.title)
        row += 2
        var headline: [(String, CellValue)] = [
            ("As of (UTC)", .date(report.asOf)),
            ("Jobs", .number(Double(report.records.count))),
            ("Need attention", .number(Double(report.attention.count))),
            ("ERROR on last run", .number(Double(report.errorCount))),
            ("Regions", .text(report.regions.joined(separator: ", "))),
            ("Accounts", .number(Double(report.accounts.count))),
        ]
        headline += findingsHeadline(report)
        for (label, value) in headline {
            try sheet.write(row, 0, text: label, styles.header)
            try sheet.write(row, 1, cell: value, styles)
            row += 1
        }
        row += 1
        if !report.isComplete {
            try sheet.write(row, 0, text: "INCOMPLETE: regions missing data", styles.alert)
            row += 1
            for gap in report.gapGroups {
                try sheet.write(row, 0, text: gap.regionsText, styles.alert)
                try sheet.write(row, 1, text: gap.reason)
                if let account = gap.accountId { try sheet.write(row, 2, text: "account \(account)") }
                row += 1
            }
            row += 1
        }
        for (column, name) in ["dimension", "value", "jobs"].enumerated() {
            try sheet.write(row, column, text: name, styles.header)
        }
        row += 1
        var ranges: [SummaryDimension: (rows: ClosedRange<Int>, values: [String])] = [:]
        for dimension in SummaryDimension.allCases {
            let rows = report.summaries.rows(for: dimension)
            guard !rows.isEmpty else { continue }
            ranges[dimension] = (row...(row + rows.count - 1), rows.map(\.value))
            for summary in rows {
                try sheet.write(row, 0, text: summary.dimension.rawValue)
                try sheet.write(row, 1, text: summary.value)
                try sheet.write(row, 2, number: Double(summary.jobs))
                row += 1
            }
        }
        let charts: [(SummaryDimension, String)] = [
            (.jobStatus, "Jobs by status"), (.jobType, "Jobs by type"), (.lastRunErrorStatus, "Jobs by last-run error"),
            (.lastRunErrorType, "Jobs by last-run error type"),
        ]
        for (i, (dimension, title)) in charts.enumerated() {
            guard let range = ranges[dimension] else { continue }
            let chart = try book.summaryChart(title: title, rows: range.rows, values: range.values)
            try sheet.insert(chart: chart, row: 1 + i * 16, column: 5)
        }
        try sheet.printSetup(repeatHeader: false)
        row = try writeCrossTab(report.crossTab, at: row + 1, to: sheet, styles)
        row = try XLSXTopFindings.write(report, at: row + 1, chartRow: 1 + charts.count * 16, to: sheet, in: book, styles)
        var notes = report.notes
        if let note = Self.cutCellsNote(jobsSheet.truncatedCells, sheet: "Jobs", file: "jobs.csv") { notes.append(note) }
        if jobsSheet.unlinkedRows > 0 {
            notes.append(
                "\(jobsSheet.unlinkedRows) job names on the Jobs sheet are not links: links are made for workbooks of up to \(XLSXRenderer.tableLimit) jobs and as many error events (beyond, they would not fit in memory); report.html links every job"
            )
        }
        if errorsSheet.omittedEvents > 0 {
            notes.append(
                "\(errorsSheet.omittedEvents) error events did not fit on the Errors sheet (Excel's 1 048 576 rows); errors.csv has them all"
            )
        }
        if let note = Self.cutCellsNote(errorsSheet.truncatedCells, sheet: "Errors", file: "errors.csv") { notes.append(note) }
        if !notes.isEmpty {
            try sheet.write(row + 1, 0, text: "Notes on the data", styles.header)
            for (i, note) in notes.enumerated() { try sheet.write(row + 2 + i, 0, text: note) }
        }
    }

    /// Jobs with High findings (and how many jobs' counts are unknown), when counts were read.
    static func findingsHeadline(_ report: ReportModel) -> [(String, CellValue)] {
        guard report.findingsRead else { return [] }
        let unknown = report.jobsWithoutFindingCounts
        return [("Jobs with High findings", .number(Double(report.jobsWithHighFindings)))]
            + (unknown > 0 ? [("Jobs' finding counts unknown", .number(Double(unknown)))] : [])
    }

    private static func writeCrossTab(_ tab: StatusTypeCrossTab, at start: Int, to sheet: XLSXSheet, _ styles: XLSXStyles) throws
        -> Int
    {
        var row = start
        try sheet.write(row, 0, text: "jobStatus \\ jobType", styles.header)
        for (column, type) in tab.types.enumerated() { try sheet.write(row, column + 1, text: type, styles.header) }
        try sheet.write(row, tab.types.count + 1, text: "Total", styles.header)
        row += 1
        for (i, status) in tab.statuses.enumerated() {
            try sheet.write(row, 0, text: status)
            for (column, count) in tab.counts[i].enumerated() { try sheet.write(row, column + 1, number: Double(count)) }
            try sheet.write(row, tab.types.count + 1, number: Double(tab.rowTotal(i)))
            row += 1
        }
        try sheet.write(row, 0, text: "Total", styles.header)
        for column in tab.types.indices { try sheet.write(row, column + 1, number: Double(tab.columnTotal(column))) }
        try sheet.write(row, tab.types.count + 1, number: Double(tab.total))
        return row + 1
    }

    /// The Summary's note for cells cut to Excel's limit on `sheet`, or `nil` when none were.
    static func cutCellsNote(_ count: Int, sheet: String, file: String) -> String? {
        guard count > 0 else { return nil }
        return "\(count) cell(s) on the \(sheet) sheet were longer than Excel's 32 767 characters and were cut; \(file) has them whole"
    }
}

/// The Attention sheet: the attention list, most urgent first.
enum XLSXAttentionSheet {
    static let columns = [
        "reason", "daysUntilExpiry", "jobExpiresAt", "lastRunTime", "accountId", "region", "jobId", "name",
        "jobStatus", "jobType", "lastRunErrorStatus",
    ]

    static func write(_ report: ReportModel, to sheet: XLSXSheet, _ styles: XLSXStyles) throws {
        let rows: [[CellValue]] = report.attention.map { item in
            let r = item.record
            return [
                .text(item.reasons.map(\.label).joined(separator: "; ")), .init(item.daysUntilExpiry), .init(r.jobExpiresAt),
                .init(r.lastRunTime), .init(r.accountId), .text(r.region), .init(r.jobId), .init(r.name),
                .init(r.jobStatus?.rawValue), .init(r.jobType?.rawValue), .init(r.lastRunErrorStatus?.rawValue),
            ]
        }
        let widths = columns.indices.map { c in XLSXSheet.width(header: columns[c], cells: rows.lazy.map { $0[c] }) }
        try sheet.writeHeader(columns, widths: widths, styles)
        for (i, cells) in rows.enumerated() {
            for (column, cell) in cells.enumerated() { try sheet.write(i + 1, column, cell: cell, styles) }
        }
        try sheet.freezeHeaderWithFilter(lastRow: rows.count, lastColumn: columns.count - 1)
        try sheet.printSetup(repeatHeader: true)
    }
}
