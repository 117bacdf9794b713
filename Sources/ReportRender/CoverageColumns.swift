import Foundation
import JobFetch
import JobTransform

/// The columns of coverage.csv and of the Coverage sheet, in order: one account-region of
/// the walk and how far it was read. A public contract like jobs.csv's: new columns go at
/// the end, and `state` holds `ScopeState`'s raw values (`ok`, `macie-off`, `denied`,
/// `failed`, `role-denied`) so scripts can match them.
///
/// The account name and the note come from outside (an accounts file, Organizations, a
/// server's error text), so they are text cells, guarded in the CSV like job names.
public struct CoverageColumn: Sendable {
    /// The header text.
    public let name: String
    /// Reads the column's cell from one coverage row.
    public let value: @Sendable (ScopeCoverage) -> CellValue

    /// Every column, in file order.
    public static let all: [CoverageColumn] = [
        .init("accountId") { .init($0.scope.accountId) },
        .init("accountName") { .init($0.accountName) },
        .init("region") { .text($0.scope.region) },
        .init("state") { .text($0.state.rawValue) },
        .init("jobs") { .number(Double($0.jobs)) },
        .init("errorJobs") { .number(Double($0.errorJobs)) },
        .init("note") { $0.note.isEmpty ? .empty : .text($0.note) },
    ]

    init(_ name: String, _ value: @escaping @Sendable (ScopeCoverage) -> CellValue) {
        self.name = name
        self.value = value
    }
}
