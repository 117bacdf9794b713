import Macie2Model

/// Jobs counted by status (rows) and type (columns), with totals: which scheduled jobs are
/// paused, which one-time jobs are still running.
public struct StatusTypeCrossTab: Sendable, Hashable {
    /// Row labels: every known status, then unknown ones, then `(none)` if any job has no status.
    public let statuses: [String]
    /// Column labels: every known type, then unknown ones, then `(none)` if needed.
    public let types: [String]
    /// `counts[row][column]`.
    public let counts: [[Int]]

    public init(_ records: [JobRecord]) {
        statuses = Self.labels(records.map(\.jobStatus))
        types = Self.labels(records.map(\.jobType))
        var counts = Array(repeating: Array(repeating: 0, count: types.count), count: statuses.count)
        let row = Dictionary(uniqueKeysWithValues: statuses.enumerated().map { ($1, $0) })
        let column = Dictionary(uniqueKeysWithValues: types.enumerated().map { ($1, $0) })
        for record in records {
            let r = row[record.jobStatus?.rawValue ?? JobSummaries.absent]!
            let c = column[record.jobType?.rawValue ?? JobSummaries.absent]!
            counts[r][c] += 1
        }
        self.counts = counts
    }

    /// Jobs in one row, all types together.
    public func rowTotal(_ row: Int) -> Int { counts[row].reduce(0, +) }

    /// Jobs in one column, all statuses together.
    public func columnTotal(_ column: Int) -> Int { counts.reduce(0) { $0 + $1[column] } }

    /// Every job counted.
    public var total: Int { counts.joined().reduce(0, +) }

    private static func labels<D>(_ values: [ModelEnum<D>?]) -> [String] {
        let present = Set(values.compactMap { $0 })
        var labels = Set(ModelEnum<D>.allKnown).union(present).sorted().map(\.rawValue)
        if values.contains(where: { $0 == nil }) { labels.append(JobSummaries.absent) }
        return labels
    }
}
