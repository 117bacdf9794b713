import Foundation
import JobTransform

/// `changes.csv`: what changed since the previous run, one row per change with the value
/// before and after; written only when a run history is kept. Empty of rows (header only)
/// when nothing changed, or on the first run into a history.
public struct ChangesCSVRenderer: ReportRenderer {
    public let fileName = "changes.csv"
    public var format: CSVFormat

    /// The header, in file order (a public contract, like jobs.csv's). The last three were
    /// added for bucket and account changes (empty on a job's own change): the error type
    /// that is new or gone, and the bucket or account it is about.
    public static let columns = [
        "change", "region", "accountId", "jobId", "name", "field", "before", "after", "daysLeft", "note", "errorType",
        "bucket", "affectedAccount",
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
        ]
    }
}
