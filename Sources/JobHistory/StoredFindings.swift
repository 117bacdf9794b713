import Foundation
import JobFetch

/// Finding counts as the history stores them: three nullable INTEGER columns, High, Medium
/// and Low, on `job_snapshot` (a job's counts) and on `run` (the run's totals, for the trend).
///
/// NULL in all three is "not known", never zero. The three are written together, so one NULL
/// beside two numbers, or a negative count, is damage named with the run (and job), not a
/// guess: a wrong count here would report findings as new that are not.
enum StoredFindings {
    /// The three column values, each `nil` (SQL NULL) when the counts are not known.
    static func columns(_ counts: FindingCounts?) -> [Int64?] {
        FindingSeverity.allCases.map { severity in counts.map { $0[severity] } }
    }

    /// The counts stored in the three columns; `nil` when all three are NULL.
    static func counts(_ high: Int64?, _ medium: Int64?, _ low: Int64?, run: Int64, jobId: String? = nil) throws
        -> FindingCounts?
    {
        let whose = jobId.map { "job \($0.prefix(40)) of run \(run)" } ?? "run \(run)"
        switch (high, medium, low) {
        case (nil, nil, nil): return nil
        case (let high?, let medium?, let low?):
            guard high >= 0, medium >= 0, low >= 0 else {
                throw HistoryError.damaged("\(whose) has a negative finding count")
            }
            return FindingCounts(high: high, medium: medium, low: low)
        default:
            throw HistoryError.damaged("\(whose) has finding counts for some severities only")
        }
    }
}
