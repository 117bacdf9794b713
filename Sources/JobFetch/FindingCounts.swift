/// A finding's severity as GetFindingStatistics filters and groups it (`severity.description`).
/// The three values Macie documents; the reports show one column each, in this order.
public enum FindingSeverity: String, CaseIterable, Sendable, Hashable, Comparable {
    case high = "High"
    case medium = "Medium"
    case low = "Low"

    /// High first: the order of the columns and of "most severe".
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How many findings one job has produced, by severity, as the report counts them (archived
/// findings left out unless `--include-archived-findings`).
///
/// A job's counts are `nil` on its record when they are not known (findings not read, or the
/// call failed in its scope), never zero: zero is a claim that the job found nothing.
/// Sums saturate at `Int64.max`, so a hostile recording cannot crash the run.
public struct FindingCounts: Hashable, Sendable {
    public var high: Int64
    public var medium: Int64
    public var low: Int64

    /// Counts as given; negative values are taken as zero (the API never sends them).
    public init(high: Int64 = 0, medium: Int64 = 0, low: Int64 = 0) {
        self.high = max(0, high)
        self.medium = max(0, medium)
        self.low = max(0, low)
    }

    /// No findings at all: what a job without a group in a complete answer has.
    public static let zero = FindingCounts()

    /// Every finding of the three severities.
    public var total: Int64 { Self.adding(Self.adding(high, medium), low) }

    /// The count of one severity.
    public subscript(severity: FindingSeverity) -> Int64 {
        get {
            switch severity {
            case .high: high
            case .medium: medium
            case .low: low
            }
        }
        set {
            switch severity {
            case .high: high = max(0, newValue)
            case .medium: medium = max(0, newValue)
            case .low: low = max(0, newValue)
            }
        }
    }

    /// Adds `count` findings of `severity`, saturating.
    public mutating func add(_ count: Int64, _ severity: FindingSeverity) {
        self[severity] = Self.adding(self[severity], count)
    }

    /// Both counts added severity by severity, saturating.
    public static func + (a: Self, b: Self) -> Self {
        FindingCounts(high: adding(a.high, b.high), medium: adding(a.medium, b.medium), low: adding(a.low, b.low))
    }

    /// `a + b`, or `Int64.max` when that does not fit.
    public static func adding(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(max(0, b))
        return overflow ? .max : sum
    }

    /// Each job's counts from recorded groups: archived groups count only when
    /// `includeArchived`, and severities other than the three are left out, as the per-severity
    /// queries of a live run leave them out. A job without groups is absent (it found nothing).
    public static func perJob(_ groups: [FindingCount], includeArchived: Bool) -> [String: FindingCounts] {
        var jobs: [String: FindingCounts] = [:]
        for group in groups where includeArchived || !group.archived {
            guard let severity = FindingSeverity(rawValue: group.severity) else { continue }
            jobs[group.jobId, default: .zero].add(group.count, severity)
        }
        return jobs
    }
}
