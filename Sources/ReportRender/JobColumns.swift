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
    ]

    init(_ name: String, _ value: @escaping @Sendable (JobRecord) -> CellValue) {
        self.name = name
        self.value = value
    }
}
