import Foundation
import JobTransform

/// `jobs.csv`: one row per job, the ``JobColumn/all`` columns, RFC 4180, UTF-8, CRLF.
public struct JobsCSVRenderer: ReportRenderer {
    public let fileName = "jobs.csv"
    public var format: CSVFormat

    public init(format: CSVFormat = CSVFormat()) { self.format = format }

    public func write(_ report: ReportModel, to url: URL) throws {
        try CSVTable.write(to: url, columns: JobColumn.all, format: format, rows: report.records)
    }
}

/// `summary.csv`: `dimension,value,jobs`, dimension by dimension.
public struct SummaryCSVRenderer: ReportRenderer {
    public let fileName = "summary.csv"
    public var format: CSVFormat

    public init(format: CSVFormat = CSVFormat()) { self.format = format }

    public func write(_ report: ReportModel, to url: URL) throws {
        try CSVTable.write(to: url, header: ["dimension", "value", "jobs"], format: format, rows: report.summaries.rows) {
            row, line in
            format.append(.text(row.dimension.rawValue), to: &line)
            line.append(0x2C)
            format.append(.text(row.value), to: &line)
            line.append(0x2C)
            format.append(.number(Double(row.jobs)), to: &line)
        }
    }
}

/// `errors.csv`: one row per error event of each job's last run (the ``ErrorColumn/all``
/// columns), in jobs.csv's job order, then the order the events were logged. Just the header
/// when no job's log events show an error, so a script always finds the file.
public struct ErrorsCSVRenderer: ReportRenderer {
    public let fileName = "errors.csv"
    public var format: CSVFormat

    public init(format: CSVFormat = CSVFormat()) { self.format = format }

    public func write(_ report: ReportModel, to url: URL) throws {
        let columns = ErrorColumn.all
        try CSVTable.write(to: url, header: columns.map(\.name), format: format, rows: ErrorColumn.rows(report)) {
            row, line in
            format.append(fields: columns.lazy.map { $0.value(row.0, row.1) }, to: &line)
        }
    }
}

/// `coverage.csv`: one row per account-region the walk visited (the ``CoverageColumn/all``
/// columns), by account then region. Written in every run, even for one account and one
/// region, so a script can always tell a region with no jobs from one that was not read.
public struct CoverageCSVRenderer: ReportRenderer {
    public let fileName = "coverage.csv"
    public var format: CSVFormat

    public init(format: CSVFormat = CSVFormat()) { self.format = format }

    public func write(_ report: ReportModel, to url: URL) throws {
        try CSVTable.write(to: url, columns: CoverageColumn.all, format: format, rows: report.coverage)
    }
}

/// The part the CSV files share: header, rows, CRLF, buffered and checked writes.
enum CSVTable {
    /// A file of one row per item, one field per column of a column table (jobs.csv,
    /// coverage.csv): the header is the columns' names.
    static func write<Column: CSVColumn>(
        to url: URL, columns: [Column], format: CSVFormat, rows: some Sequence<Column.Row>
    ) throws {
        try write(to: url, header: columns.map(\.name), format: format, rows: rows) { row, line in
            format.append(fields: columns.lazy.map { $0.value(row) }, to: &line)
        }
    }

    static func write<Row>(
        to url: URL, header: [String], format: CSVFormat, rows: some Sequence<Row>, appendRow: (Row, inout [UInt8]) -> Void
    ) throws {
        let sink = try FileSink(creating: url)
        var line: [UInt8] = []
        line.reserveCapacity(4096)
        for (i, name) in header.enumerated() {
            if i > 0 { line.append(0x2C) }
            format.appendText(name, guarded: false, to: &line)
        }
        CSVFormat.endRecord(&line)
        for row in rows {
            appendRow(row, &line)
            CSVFormat.endRecord(&line)
            if line.count > 1 << 16 {
                try sink.write(bytes: line)
                line.removeAll(keepingCapacity: true)
            }
        }
        try sink.write(bytes: line)
        try sink.finish()
    }
}

/// A named column of a CSV file that reads its cell from one row (``JobColumn``,
/// ``CoverageColumn``), so one writer serves every such file.
protocol CSVColumn {
    associatedtype Row
    var name: String { get }
    var value: @Sendable (Row) -> CellValue { get }
}

extension JobColumn: CSVColumn {}
extension CoverageColumn: CSVColumn {}
