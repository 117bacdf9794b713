import Foundation
import JobFetch
import Macie2Model

/// What the run history keeps of one job: the fields a change is judged on, and enough to
/// name the job in a report after it has gone. Enum values are kept as the API's text, known
/// or not, like everywhere else.
///
/// The fields mirror ``JobRecord``'s of the same names (jobs.csv's columns); the enum ones are
/// the raw text, so a status the model does not list still compares exactly.
public struct JobSnapshot: Sendable, Hashable {
    public var jobId: String
    public var region: String
    public var accountId: String?
    public var name: String?
    public var jobStatus: String?
    public var jobType: String?
    public var lastRunErrorStatus: String?
    public var lastRunTime: Date?
    public var numberOfRuns: Double?
    public var jobPausedAt: Date?
    public var jobExpiresAt: Date?
    /// Why the run could not see the job whole (for example "could not be described ...;
    /// shown from its list entry"), `nil` when it could.
    public var caveats: String?

    public init(
        jobId: String, region: String, accountId: String? = nil, name: String? = nil, jobStatus: String? = nil,
        jobType: String? = nil, lastRunErrorStatus: String? = nil, lastRunTime: Date? = nil, numberOfRuns: Double? = nil,
        jobPausedAt: Date? = nil, jobExpiresAt: Date? = nil, caveats: String? = nil
    ) {
        self.jobId = jobId
        self.region = region
        self.accountId = accountId
        self.name = name
        self.jobStatus = jobStatus
        self.jobType = jobType
        self.lastRunErrorStatus = lastRunErrorStatus
        self.lastRunTime = lastRunTime
        self.numberOfRuns = numberOfRuns
        self.jobPausedAt = jobPausedAt
        self.jobExpiresAt = jobExpiresAt
        self.caveats = caveats
    }

    /// `nil` for a job without an id: it cannot be recognised in the next run.
    public init?(_ record: JobRecord) {
        guard let jobId = record.jobId, !jobId.isEmpty else { return nil }
        self.init(
            jobId: jobId, region: record.region, accountId: record.accountId, name: record.name,
            jobStatus: record.jobStatus?.rawValue, jobType: record.jobType?.rawValue,
            lastRunErrorStatus: record.lastRunErrorStatus?.rawValue, lastRunTime: record.lastRunTime,
            numberOfRuns: record.numberOfRuns, jobPausedAt: record.jobPausedAt, jobExpiresAt: record.jobExpiresAt,
            caveats: record.caveats.isEmpty ? nil : record.caveats.joined(separator: "; "))
    }

    /// Jobs are told apart by region and id: an id is unique within a region.
    public var key: Key { Key(region: region, jobId: jobId) }

    public struct Key: Hashable, Sendable {
        public var region: String
        public var jobId: String
    }
}

/// An earlier run, as the history remembers it.
///
/// The history keeps what was last known of every region, not only what the run saw: when a
/// region could not be read completely, the jobs it did not list are carried forward from
/// the run before (see ``carryForward(from:into:scope:)``). So a change that happens while a region
/// is failing is reported the first night the region reads completely again, never lost.
public struct RunSnapshot: Sendable {
    /// The time the run's report speaks of (its `--as-of`, or when it ran).
    public var asOf: Date
    /// Regions the run read, complete or not.
    public var regions: [String]
    /// Regions the run could not read completely.
    public var gaps: [RegionGap]
    /// Regions whose full list of jobs is known: read completely by this run, or by an
    /// earlier one and carried forward since. Only there can a job not in ``jobs`` be new.
    public var knownRegions: Set<String>
    /// Which jobs the run asked for (its `--include`/`--exclude` terms; empty for all). Runs
    /// with different scopes list different jobs, so new and removed are not told between them.
    public var scope: String
    /// Every job known, by region and id (the only way they are ever looked up; one copy of
    /// 100 000 snapshots, not an array and an index).
    public var jobs: [JobSnapshot.Key: JobSnapshot]

    public init(
        asOf: Date, regions: [String], gaps: [RegionGap], knownRegions: Set<String>, scope: String,
        jobs: [JobSnapshot.Key: JobSnapshot]
    ) {
        self.asOf = asOf
        self.regions = regions
        self.gaps = gaps
        self.knownRegions = knownRegions
        self.scope = scope
        self.jobs = jobs
    }

    /// From a list of snapshots, with every region read completely except the gaps' (a
    /// repeated region and id keeps the first, as the history does).
    public init(asOf: Date, regions: [String], gaps: [RegionGap], scope: String = "", jobs: [JobSnapshot]) {
        self.init(
            asOf: asOf, regions: regions, gaps: gaps,
            knownRegions: RegionGap.listedCompletely(regions, gaps: gaps), scope: scope,
            jobs: Dictionary(jobs.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// What the history keeps of this run besides its own jobs: in regions it could not list
    /// completely, the previous snapshot's jobs it did not see; and the regions whose full
    /// list is known. Nothing is carried across a change of scope.
    public static func carryForward(from previous: RunSnapshot?, into report: ReportModel, scope: String) -> CarryForward {
        let complete = RegionGap.listedCompletely(report.regions, gaps: report.gaps)
        guard let previous, previous.scope == scope else { return CarryForward(jobs: [], knownRegions: complete) }
        let partial = Set(previous.jobs.keys.map(\.region)).subtracting(complete)
        var seen = Set<JobSnapshot.Key>()
        for record in report.records where partial.contains(record.region) {
            if let id = record.jobId { seen.insert(JobSnapshot.Key(region: record.region, jobId: id)) }
        }
        let note = "not seen in this run (region not read completely); last known \(ISO8601Timestamp.format(previous.asOf))"
        let carried = previous.jobs.values.filter { partial.contains($0.region) && !seen.contains($0.key) }.map { job in
            var job = job
            job.caveats = note
            return job
        }
        return CarryForward(jobs: carried, knownRegions: complete.union(previous.knownRegions))
    }
}

/// Jobs and knowledge a partial run inherits from the one before (see ``RunSnapshot/carryForward(from:into:scope:)``).
public struct CarryForward: Sendable {
    /// Jobs not seen in this run, as last known.
    public var jobs: [JobSnapshot]
    /// Regions whose full list of jobs is known after this run.
    public var knownRegions: Set<String>

    public init(jobs: [JobSnapshot], knownRegions: Set<String>) {
        self.jobs = jobs
        self.knownRegions = knownRegions
    }
}

/// Job counts by status in one run, for the trend chart.
public struct TrendPoint: Sendable, Hashable {
    public var asOf: Date
    /// Whether the run read every region completely; a dip in a partial run is not a real dip.
    public var complete: Bool
    /// `jobStatus` value → jobs; the value is the API's text ("(none)" when absent).
    public var statusCounts: [String: Int]

    public init(asOf: Date, complete: Bool, statusCounts: [String: Int]) {
        self.asOf = asOf
        self.complete = complete
        self.statusCounts = statusCounts
    }
}

extension TrendPoint {
    /// This run's point: its status counts, as the summaries give them.
    public init(_ report: ReportModel) {
        var counts: [String: Int] = [:]
        for row in report.summaries.rows(for: .jobStatus) { counts[row.value] = row.jobs }
        self.init(asOf: report.asOf, complete: report.isComplete, statusCounts: counts)
    }
}
