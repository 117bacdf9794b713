import JobLogModel
import Macie2Model

/// Where classification jobs come from: recorded samples (`SamplesJobSource`, `--samples`) or
/// the live Macie2 API (`LiveJobSource` in Macie2Client).
///
/// A source hands jobs over one scope (account and region) at a time, possibly in several
/// batches, so the pipeline can turn them into compact records as they arrive and memory
/// follows the largest batch, not the whole estate.
public protocol JobSource: Sendable {
    /// Every scope's jobs, one or more batches per scope. The stream ends with an error only
    /// for a fatal problem (unreadable samples, no credentials); a scope that fails on its
    /// own arrives as a batch with a ``ScopeBatch/gap``.
    func batches() -> AsyncThrowingStream<ScopeBatch, Error>
}

/// Jobs of one scope, as the source found them.
public struct ScopeBatch: Sendable {
    /// The account and region the jobs were read in.
    public var scope: Scope
    /// Jobs found in the scope, in the source's order.
    public var jobs: [SourcedJob]
    /// Set when the scope could not be read completely; its jobs are then a partial list.
    public var gap: ScopeGap?
    /// Set when some jobs' log events could not be read there: their jobs are all listed, but
    /// why they failed is missing. Always has ``ScopeGap/listIsComplete``.
    public var logsGap: ScopeGap?
    /// Set when the scope's finding counts could not be read (GetFindingStatistics denied or
    /// failing): its jobs are all listed, but their counts are unknown (`nil`, never zero).
    /// Always has ``ScopeGap/listIsComplete``.
    public var findingsGap: ScopeGap?
    /// The scope's findings as recorded groups (archived and not, kept apart), set by a live
    /// walk that records samples, so `findings/<region>.json` holds what a replay needs
    /// whichever `--include-archived-findings` it is run with. `nil` otherwise.
    public var findingGroups: [FindingCount]?
    /// Things worth telling the reader that did not stop the run.
    public var diagnostics: [SourceDiagnostic]
    /// How far the scope was read, for the coverage matrix; `nil` means as ``gap`` implies
    /// (see ``ScopeState/implied(by:)``). Only the first batch of a scope needs it.
    public var state: ScopeState?
    /// The account's name (from Organizations or `--accounts @FILE`), when known.
    public var accountName: String?

    /// No gap and no diagnostics unless given: a scope read completely.
    public init(
        scope: Scope, jobs: [SourcedJob], gap: ScopeGap? = nil, logsGap: ScopeGap? = nil, findingsGap: ScopeGap? = nil,
        diagnostics: [SourceDiagnostic] = []
    ) {
        self.scope = scope
        self.jobs = jobs
        self.gap = gap
        self.logsGap = logsGap
        self.findingsGap = findingsGap
        self.diagnostics = diagnostics
    }

    /// The scope's region.
    public var region: String { scope.region }

    /// ``state`` as given, else as the gap implies.
    public var coverageState: ScopeState { state ?? ScopeState.implied(by: gap) }

    /// Jobs of a region whose account is not known (see ``Scope``).
    public init(region: String, jobs: [SourcedJob], gap: ScopeGap? = nil, diagnostics: [SourceDiagnostic] = []) {
        self.init(scope: Scope(region: region), jobs: jobs, gap: gap, diagnostics: diagnostics)
    }
}

/// One job and what the source knows about how complete it is.
public struct SourcedJob: Sendable {
    /// The job as DescribeClassificationJob returns it (or as much as the list gave).
    public var job: DescribeClassificationJobResponse
    /// Caveats the report must show next to the job.
    public var caveats: [String]
    /// The exact bytes the API answered with, kept only when the run records samples
    /// (`--save-samples`), so a replay reads what the service sent, members this model
    /// does not know included. `nil` for a job seen only in the list.
    public var body: [UInt8]?
    /// The job's log events of its last run, for a job whose failure or stop they explain;
    /// `nil` when they were not looked up (not wanted, `--no-job-logs`, or samples recorded
    /// without them).
    public var logs: JobLogs?
    /// The job's finding counts by severity; `nil` when they were not read (`--no-findings`,
    /// samples without findings, or the scope's findings gap), never zero for "unknown".
    public var findings: FindingCounts?

    /// No caveats, no recorded bytes and no log events unless given.
    public init(job: DescribeClassificationJobResponse, caveats: [String] = [], body: [UInt8]? = nil, logs: JobLogs? = nil) {
        self.job = job
        self.caveats = caveats
        self.body = body
        self.logs = logs
    }

    /// Whether this job's log events explain something (see `JobLogs.isWanted(status:lastRunError:lastRunTime:)`).
    public var wantsLogs: Bool {
        JobLogs.isWanted(status: job.jobStatus, lastRunError: job.lastRunErrorStatus?.code, lastRunTime: job.lastRunTime)
    }
}

/// Why a scope's list of jobs is missing or incomplete.
public struct ScopeGap: Sendable, Hashable {
    /// The account and region that could not be read.
    public var scope: Scope
    /// One line a reader can act on, for example "access denied: check macie2:ListClassificationJobs".
    public var reason: String
    /// The scope's list of jobs is complete and only some jobs could not be described (they
    /// are shown from their list entries). A run comparison can then still tell new and
    /// removed jobs apart there; when `false`, jobs may be missing from the list itself.
    public var listIsComplete: Bool

    /// `listIsComplete` is `false` unless given: the safe claim, that jobs may be missing from the list.
    public init(scope: Scope, reason: String, listIsComplete: Bool = false) {
        self.scope = scope
        self.reason = reason
        self.listIsComplete = listIsComplete
    }

    /// The scope's region.
    public var region: String { scope.region }

    /// A gap in a region whose account is not known (see ``Scope``).
    public init(region: String, reason: String, listIsComplete: Bool = false) {
        self.init(scope: Scope(region: region), reason: reason, listIsComplete: listIsComplete)
    }
}

extension ScopeGap {
    /// The scopes among `scopes` whose job list was read completely: those without a gap,
    /// or whose gap is only in describing jobs. Only there can a job be told to be missing.
    public static func listedCompletely(_ scopes: some Sequence<Scope>, gaps: [ScopeGap]) -> ScopeSet {
        let broken = Set(gaps.filter { !$0.listIsComplete }.map(\.scope))
        return ScopeSet(Set(scopes).subtracting(broken))
    }
}

/// A problem the source noticed but could carry on from, such as a malformed job ARN.
public struct SourceDiagnostic: Sendable, Hashable {
    /// The region (of the scope) it concerns, if any.
    public var region: String?
    /// The job it concerns, if any.
    public var jobId: String?
    /// One line for the report's diagnostics, saying what was noticed and what was done about it.
    public var message: String

    /// A diagnostic, with the region and job it concerns when they are known.
    public init(region: String? = nil, jobId: String? = nil, message: String) {
        self.region = region
        self.jobId = jobId
        self.message = message
    }
}
