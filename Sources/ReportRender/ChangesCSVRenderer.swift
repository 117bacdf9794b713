import Foundation
import JobTransform

/// `changes.csv`: what changed since the previous run, one row per change with the value
/// before and after; written only when a run history is kept. Empty of rows (header only)
/// when nothing changed, or on the first run into a history.
public struct ChangesCSVRenderer: ReportRenderer {
    public let fileName = "changes.csv"
    public var format: CSVFormat

    /// The header, in file order (a public contract, like jobs.csv's). `errorType`, `bucket`
    /// and `affectedAccount` were added for bucket and account changes (empty on a job's own
    /// change): the error type that is new or gone, and the bucket or account it is about.
    /// `severity` and `newFindings` came last, for new findings (empty on every other kind):
    /// the severity whose count grew, and by how much, so a script can sum new High findings
    /// without parsing `before` and `after`.
    public static let columns = [
        "change", "region", "accountId", "jobId", "name", "field", "before", "after", "daysLeft", "note", "errorType",
        "bucket", "affectedAccount", "severity", "newFindings",
    ]

    public init(format: CSVFormat = CSVFormat()) { self.format = format }

    public func write(_ report: ReportModel, to url: URL) throws {
        let items = report.changes?.items ?? []
        try CSVTable.write(to: url, header: Self.columns, format: format, rows: items) { change, line in
            format.append(fields: change.cells, to: &line)
        }
    }
}

extension JobChange {
    /// The change's row in ``ChangesCSVRenderer/columns`` order: changes.csv and the Changes sheet.
    var cells: [CellValue] {
        [
            .text(kind.rawValue), .text(region), .init(accountId), .text(jobId), .init(name), .init(field), .init(before),
            .init(after), .init(daysLeft), .text(note), .init(errorType), .init(bucket), .init(affectedAccount),
            .init(severity?.rawValue), .count(newFindings),
        ]
    }
}

extension CellValue {
    /// A finding count as a number cell while a double holds it exactly (every real one),
    /// else as its digits: a saturated count must not print as `9.2e18`. Empty when unknown.
    static func count(_ value: Int64?) -> CellValue {
        guard let value else { return .empty }
        return abs(value) < 1 << 53 ? .number(Double(value)) : .text(String(value))
    }
}
