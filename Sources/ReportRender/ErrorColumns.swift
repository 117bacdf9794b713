import Foundation
import JobLogModel
import JobTransform

/// The columns of errors.csv and of the Errors sheet, in order: the job (as jobs.csv names
/// it), then one error event of its last run. A public contract like jobs.csv's: new columns
/// go at the end.
///
/// Every event field is text exactly as Macie wrote it (its times keep their microseconds),
/// so bucket names and descriptions from the log events are written as strings, guarded in
/// the CSV like any other text.
public struct ErrorColumn: Sendable {
    /// The header text.
    public let name: String
    /// Reads the column's cell from a job and one of its events.
    public let value: @Sendable (JobRecord, JobErrorEvent) -> CellValue

    /// Every column, in file order.
    public static let all: [ErrorColumn] = [
        .init("accountId") { r, _ in .init(r.accountId) },
        .init("region") { r, _ in .text(r.region) },
        .init("jobId") { r, _ in .init(r.jobId) },
        .init("jobName") { r, _ in .init(r.name) },
        .init("runDate") { _, e in .init(e.runDate) },
        .init("occurredAt") { _, e in .init(e.occurredAt) },
        .init("eventType") { _, e in .init(e.eventType.rawValue) },
        .init("errorLevel") { _, e in .text(e.level.rawValue) },
        .init("affectedAccount") { _, e in .init(e.affectedAccount) },
        .init("affectedResourceType") { _, e in .init(e.affectedResourceType) },
        .init("affectedResource") { _, e in .init(e.affectedResource) },
        .init("operation") { _, e in .init(e.operation) },
        .init("description") { _, e in .init(e.description) },
    ]

    init(_ name: String, _ value: @escaping @Sendable (JobRecord, JobErrorEvent) -> CellValue) {
        self.name = name
        self.value = value
    }

    /// Every job's last-run error events, in report order and then the order they were
    /// logged: the rows of errors.csv and the Errors sheet, made one at a time as they are
    /// written rather than all at once.
    public static func rows(_ report: ReportModel) -> some Sequence<(JobRecord, JobErrorEvent)> {
        report.records.lazy.flatMap { record in (record.lastRunErrors?.events ?? []).lazy.map { (record, $0) } }
    }

    /// How many rows ``rows(_:)`` gives.
    public static func count(_ report: ReportModel) -> Int {
        report.records.reduce(0) { $0 + ($1.lastRunErrors?.events.count ?? 0) }
    }
}
