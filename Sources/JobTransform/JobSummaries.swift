import JobLogModel
import Macie2Model

/// What summary.csv groups jobs by; the raw values are the `dimension` column's contract.
public enum SummaryDimension: String, CaseIterable, Sendable {
    case jobStatus, jobType, lastRunErrorStatus, region, accountId
    /// Jobs per event type of their last run's log events (a job counts under each type it has).
    case lastRunErrorType
}

/// One `dimension,value,jobs` line of summary.csv.
public struct SummaryRow: Sendable, Hashable {
    public var dimension: SummaryDimension
    /// The value as the API sent it, or ``JobSummaries/absent`` when the job has none.
    public var value: String
    public var jobs: Int
    /// False for an enum value the Macie2 model does not list (a new status, say).
    public var isKnownValue: Bool

    public init(dimension: SummaryDimension, value: String, jobs: Int, isKnownValue: Bool = true) {
        self.dimension = dimension
        self.value = value
        self.jobs = jobs
        self.isKnownValue = isKnownValue
    }
}

/// Job counts by status, type, last-run error code, region and account.
///
/// Enum dimensions list every value the model knows, zeros included, in the model's order,
/// so a script can always find `lastRunErrorStatus,ERROR` and a reader sees "0 ERROR" rather
/// than wondering; values the model does not know follow, then `(none)` for absent values.
public struct JobSummaries: Sendable, Hashable {
    /// The value counted for a job that has no value in a dimension.
    public static let absent = "(none)"

    /// Every row, dimension by dimension in ``SummaryDimension`` order.
    public let rows: [SummaryRow]

    public init(_ records: [JobRecord]) {
        var rows: [SummaryRow] = []
        rows += Self.enumRows(.jobStatus, records.map(\.jobStatus))
        rows += Self.enumRows(.jobType, records.map(\.jobType))
        rows += Self.enumRows(.lastRunErrorStatus, records.map(\.lastRunErrorStatus))
        rows += Self.plainRows(.region, records.map(\.region))
        rows += Self.plainRows(.accountId, records.map(\.accountId))
        rows += Self.errorTypeRows(records)
        self.rows = rows
    }

    /// The rows of one dimension.
    public func rows(for dimension: SummaryDimension) -> [SummaryRow] {
        rows.filter { $0.dimension == dimension }
    }

    /// The count for one value of a dimension (0 if no job has it).
    public func count(_ dimension: SummaryDimension, _ value: String) -> Int {
        rows.first { $0.dimension == dimension && $0.value == value }?.jobs ?? 0
    }

    private static func enumRows<D>(_ dimension: SummaryDimension, _ values: [ModelEnum<D>?]) -> [SummaryRow] {
        var counts: [ModelEnum<D>: Int] = Dictionary(uniqueKeysWithValues: ModelEnum<D>.allKnown.map { ($0, 0) })
        var absentCount = 0
        for value in values {
            if let value { counts[value, default: 0] += 1 } else { absentCount += 1 }
        }
        var rows = counts.keys.sorted().map {
            SummaryRow(dimension: dimension, value: $0.rawValue, jobs: counts[$0]!, isKnownValue: $0.isKnown)
        }
        if absentCount > 0 { rows.append(SummaryRow(dimension: dimension, value: absent, jobs: absentCount)) }
        return rows
    }

    /// Every error and stop reason Macie documents, zeros included, then types it does not
    /// document; no `(none)` row, since a job may count under several types or none. No rows
    /// at all when jobs wanted explaining and no job's log events were read (`--no-job-logs`,
    /// `--no-describe`, Logs denied everywhere): zeros would then claim what nobody read.
    private static func errorTypeRows(_ records: [JobRecord]) -> [SummaryRow] {
        let wanted = records.contains {
            JobLogs.isWanted(status: $0.jobStatus, lastRunError: $0.lastRunErrorStatus, lastRunTime: $0.lastRunTime)
        }
        guard !wanted || records.contains(where: { $0.lastRunErrors?.wasRead == true }) else { return [] }
        let documented = JobEventTypeDefinition.accountErrors + JobEventTypeDefinition.bucketErrors
            + JobEventTypeDefinition.statusReasons
        var counts: [JobEventType: Int] = Dictionary(uniqueKeysWithValues: documented.map { (JobEventType(rawValue: $0), 0) })
        for record in records {
            for entry in record.lastRunErrors?.types ?? [] { counts[entry.type, default: 0] += 1 }
        }
        return counts.keys.sorted().map {
            SummaryRow(dimension: .lastRunErrorType, value: $0.rawValue, jobs: counts[$0, default: 0], isKnownValue: $0.isKnown)
        }
    }

    private static func plainRows(_ dimension: SummaryDimension, _ values: [String?]) -> [SummaryRow] {
        var counts: [String: Int] = [:]
        for value in values { counts[value ?? absent, default: 0] += 1 }
        return counts.keys.sorted().map { SummaryRow(dimension: dimension, value: $0, jobs: counts[$0]!) }
    }
}
