import Foundation
import JobTransform

/// The columns of jobs.csv and of the Jobs sheet, in order. The first eleven names are a
/// public contract (users' scripts read them); new columns go at the end.
public struct JobColumn: Sendable {
    /// The header text.
    public let name: String
    /// Reads the column's cell from a record.
    public let value: @Sendable (JobRecord) -> CellValue

    /// Every column, in file order.
    public static let all: [JobColumn] = [
        .init("accountId") { .init($0.accountId) },
        .init("region") { .text($0.region) },
        .init("jobId") { .init($0.jobId) },
        .init("name") { .init($0.name) },
        .init("jobType") { .init($0.jobType?.rawValue) },
        .init("jobStatus") { .init($0.jobStatus?.rawValue) },
        .init("lastRunErrorStatus") { .init($0.lastRunErrorStatus?.rawValue) },
        .init("createdAt") { .init($0.createdAt) },
        .init("lastRunTime") { .init($0.lastRunTime) },
        .init("numberOfRuns") { .init($0.numberOfRuns) },
        .init("jobArn") { .init($0.jobArn) },
        .init("schedule") { .init($0.schedule) },
        .init("samplingPercentage") { .init($0.samplingPercentage) },
        .init("bucketCount") { .init($0.bucketCount) },
        .init("bucketAccounts") { $0.bucketAccounts.isEmpty ? .empty : .text($0.bucketAccounts.joined(separator: ";")) },
        .init("bucketCriteria") { .init($0.bucketCriteria) },
        .init("managedDataIdentifierSelector") { .init($0.managedDataIdentifierSelector?.rawValue) },
        .init("jobPausedAt") { .init($0.jobPausedAt) },
        .init("jobExpiresAt") { .init($0.jobExpiresAt) },
        .init("approximateNumberOfObjectsToProcess") { .init($0.approximateNumberOfObjectsToProcess) },
        .init("tags") { $0.tags.isEmpty ? .empty : .text($0.tags.json) },
        .init("description") { .init($0.description) },
        .init("caveats") { $0.caveats.isEmpty ? .empty : .text($0.caveats.joined(separator: "; ")) },
        // Why the last run failed, from its log events (errors.csv lists them one by one);
        // empty when they were not looked up or could not be read.
        .init("lastRunErrorTypes") { readErrors($0).map { .init($0.typesText.isEmpty ? nil : $0.typesText) } ?? .empty },
        .init("lastRunAffectedAccounts") { readErrors($0).map { .init($0.affectedAccounts.count) } ?? .empty },
        .init("lastRunAffectedBuckets") { readErrors($0).map { .init($0.affectedBuckets.count) } ?? .empty },
        // The findings the job's runs produced: the total, then by severity. Empty when the
        // counts are not known (not read, or the call failed in the job's scope): a 0 would
        // claim the job found nothing.
        .init("findings") { .init($0.findings?.total) },
        .init("findingsHigh") { .init($0.findings?.high) },
        .init("findingsMedium") { .init($0.findings?.medium) },
        .init("findingsLow") { .init($0.findings?.low) },
    ]

    /// The record's last-run errors when its log events were read: a zero count then means
    /// none, where an empty cell means unknown.
    static func readErrors(_ record: JobRecord) -> JobLastRunErrors? {
        record.lastRunErrors.flatMap { $0.wasRead ? $0 : nil }
    }

    init(_ name: String, _ value: @escaping @Sendable (JobRecord) -> CellValue) {
        self.name = name
        self.value = value
    }
}
