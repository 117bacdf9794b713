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
    /// The account of the scope the job was read in, when known (see ``JobRecord/scopeAccountId``).
    public var scopeAccountId: String?
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
    /// The last run's error types, buckets and accounts, when its log events were read;
    /// `nil` when they were not looked up or could not be read (nothing is compared then).
    public var lastRunErrors: RecordedErrors?
    /// The job's finding counts by severity as this run read them; `nil` when they are not
    /// known (findings not read, the call failed in the job's scope, or a run recorded before
    /// the history kept counts). Never taken as zero: new findings are told only between two
    /// known counts.
    public var findings: FindingCounts?

    public init(
        jobId: String, region: String, scopeAccountId: String? = nil, accountId: String? = nil, name: String? = nil,
        jobStatus: String? = nil,
        jobType: String? = nil, lastRunErrorStatus: String? = nil, lastRunTime: Date? = nil, numberOfRuns: Double? = nil,
        jobPausedAt: Date? = nil, jobExpiresAt: Date? = nil, caveats: String? = nil,
        lastRunErrors: RecordedErrors? = nil, findings: FindingCounts? = nil
    ) {
        self.jobId = jobId
        self.region = region
        self.scopeAccountId = scopeAccountId
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
        self.lastRunErrors = lastRunErrors
        self.findings = findings
    }

    /// `nil` for a job without an id: it cannot be recognised in the next run.
    public init?(_ record: JobRecord) {
        guard let jobId = record.jobId, !jobId.isEmpty else { return nil }
        self.init(
            jobId: jobId, region: record.region, scopeAccountId: record.scopeAccountId, accountId: record.accountId,
            name: record.name,
            jobStatus: record.jobStatus?.rawValue, jobType: record.jobType?.rawValue,
            lastRunErrorStatus: record.lastRunErrorStatus?.rawValue, lastRunTime: record.lastRunTime,
            numberOfRuns: record.numberOfRuns, jobPausedAt: record.jobPausedAt, jobExpiresAt: record.jobExpiresAt,
            caveats: record.caveats.isEmpty ? nil : record.caveats.joined(separator: "; "),
            lastRunErrors: RecordedErrors(record.lastRunErrors), findings: record.findings)
    }

    /// Jobs are told apart by region and id. Macie's job ids are random 32-digit hex
    /// strings, so an id does not repeat across the accounts of a region either; keying by
    /// region and id (not by scope) lets a run that knew its account compare with one that
    /// did not. A repeated region and id (only hostile data has one) keeps the first.
    public var key: Key { Key(region: region, jobId: jobId) }

    /// The account and region the job was read in.
    public var scope: Scope { Scope(accountId: scopeAccountId, region: region) }

    public struct Key: Hashable, Sendable {
        public var region: String
        public var jobId: String
    }
}

/// An earlier run, as the history remembers it.
///
/// The history keeps what was last known of every scope, not only what the run saw: when a
/// scope could not be read completely, the jobs it did not list are carried forward from
/// the run before (see ``carryForward(from:into:scope:)``). So a change that happens while a
/// scope is failing is reported the first night it reads completely again, never lost.
public struct RunSnapshot: Sendable {
    /// The time the run's report speaks of (its `--as-of`, or when it ran).
    public var asOf: Date
    /// Scopes the run read, complete or not.
    public var scopes: [Scope]
    /// Scopes the run could not read completely.
    public var gaps: [ScopeGap]
    /// The regions of the scopes, sorted, each once.
    public var regions: [String] { Set(scopes.map(\.region)).sorted() }
    /// Scopes whose full list of jobs is known: read completely by this run, or by an
    /// earlier one and carried forward since. Only there can a job not in ``jobs`` be new.
    public var knownScopes: ScopeSet
    /// Which jobs the run asked for (its `--include`/`--exclude` terms; empty for all). Runs
    /// with different scopes list different jobs, so new and removed are not told between them.
    public var scope: String
    /// Every job known, by region and id (the only way they are ever looked up; one copy of
    /// 100 000 snapshots, not an array and an index).
    public var jobs: [JobSnapshot.Key: JobSnapshot]

    public init(
        asOf: Date, scopes: [Scope], gaps: [ScopeGap], knownScopes: ScopeSet, scope: String,
        jobs: [JobSnapshot.Key: JobSnapshot]
    ) {
        self.asOf = asOf
        self.scopes = scopes
        self.gaps = gaps
        self.knownScopes = knownScopes
        self.scope = scope
        self.jobs = jobs
    }

    /// From a list of snapshots, with every scope read completely except the gaps' (a
    /// repeated region and id keeps the first, as the history does).
    public init(asOf: Date, scopes: [Scope], gaps: [ScopeGap], scope: String = "", jobs: [JobSnapshot]) {
        self.init(
            asOf: asOf, scopes: scopes, gaps: gaps, knownScopes: ScopeGap.listedCompletely(scopes, gaps: gaps), scope: scope,
            jobs: Dictionary(jobs.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// From a list of snapshots of regions whose account is not known.
    public init(asOf: Date, regions: [String], gaps: [ScopeGap], scope: String = "", jobs: [JobSnapshot]) {
        self.init(asOf: asOf, scopes: regions.map { Scope(region: $0) }, gaps: gaps, scope: scope, jobs: jobs)
    }

    /// What the history keeps of this run besides its own jobs: in scopes it could not list
    /// completely, the previous snapshot's jobs it did not see; and the scopes whose full
    /// list is known. Nothing is carried across a change of filter scope.
    ///
    /// A carried job keeps its last known finding counts (with the caveat naming when they
    /// were known): when its scope is read again, findings that arrived meanwhile are then
    /// reported as new, once, like any other change made while a scope was failing. Marking
    /// them unknown instead would lose those findings from "what changed" for good.
    public static func carryForward(from previous: RunSnapshot?, into report: ReportModel, scope: String) -> CarryForward {
        let complete = ScopeGap.listedCompletely(report.scopes, gaps: report.gaps)
        guard let previous, previous.scope == scope else { return CarryForward(jobs: [], knownScopes: complete) }
        var seen = Set<JobSnapshot.Key>()
        for record in report.records where !complete.matches(record.scope) {
            if let id = record.jobId { seen.insert(JobSnapshot.Key(region: record.region, jobId: id)) }
        }
        let note = "not seen in this run (region not read completely); last known \(ISO8601Timestamp.format(previous.asOf))"
        let carried = previous.jobs.values.filter { !complete.matches($0.scope) && !seen.contains($0.key) }.map { job in
            var job = job
            job.caveats = note
            return job
        }
        return CarryForward(jobs: carried, knownScopes: complete.union(previous.knownScopes))
    }
}

/// Jobs and knowledge a partial run inherits from the one before (see ``RunSnapshot/carryForward(from:into:scope:)``).
public struct CarryForward: Sendable {
    /// Jobs not seen in this run, as last known.
    public var jobs: [JobSnapshot]
    /// Scopes whose full list of jobs is known after this run.
    public var knownScopes: ScopeSet

    public init(jobs: [JobSnapshot], knownScopes: ScopeSet) {
        self.jobs = jobs
        self.knownScopes = knownScopes
    }
}
