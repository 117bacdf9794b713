import JobFetch

/// One account-region of the walk as coverage.csv, the HTML coverage matrix and the
/// `Coverage` sheet show it: whether it was read, and how many jobs and ERROR jobs it gave.
public struct ScopeCoverage: Sendable, Hashable {
    public var scope: Scope
    /// The account's name when the walk learnt it (Organizations, `--accounts @FILE`).
    public var accountName: String?
    public var state: ScopeState
    /// Jobs read there (for a failed list, the ones read before it failed).
    public var jobs: Int
    /// Of those, the ones whose last run reported ERROR.
    public var errorJobs: Int
    /// What to know about the scope, one line: why it is not `ok`, or what is missing
    /// (jobs not described, log events or finding counts not read); empty when nothing is.
    public var note: String

    public init(
        scope: Scope, accountName: String? = nil, state: ScopeState, jobs: Int = 0, errorJobs: Int = 0, note: String = ""
    ) {
        self.scope = scope
        self.accountName = accountName
        self.state = state
        self.jobs = jobs
        self.errorJobs = errorJobs
        self.note = note
    }

    /// The line a Macie-off scope gets: a fact, not a failure.
    public static let macieOffNote = "Macie is not enabled in this account and region"

    /// Folds in one more batch of the scope: counts add up, the first state other than `ok`
    /// wins, and every gap's reason joins the note once.
    mutating func add(_ batch: ScopeBatch) {
        jobs += batch.jobs.count
        errorJobs += batch.jobs.reduce(0) { $0 + ($1.job.lastRunErrorStatus?.code?.rawValue == "ERROR" ? 1 : 0) }
        if accountName == nil { accountName = batch.accountName }
        let batchState = batch.coverageState
        if state == .ok, batchState != .ok { state = batchState }
        var lines = note.isEmpty ? [] : note.components(separatedBy: "; ")
        if batchState == .macieOff { lines.append(Self.macieOffNote) }
        for gap in [batch.gap, batch.logsGap, batch.findingsGap].compactMap({ $0 }) { lines.append(gap.reason) }
        var seen = Set<String>()
        note = lines.filter { seen.insert($0).inserted }.joined(separator: "; ")
    }
}
