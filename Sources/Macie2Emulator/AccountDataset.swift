import Foundation
import JobFetch
import JobLogModel

/// What one account sees, region by region: its classification jobs (only the account that
/// created a job can see it), its job log group and its findings. Every account the emulator
/// plays has one; an account without files has an empty one (Macie on, nothing created).
struct AccountDataset {
    /// Jobs by region, in file order.
    let jobs: [String: [RecordedJob]]
    /// Each region's job positions by job id, for DescribeClassificationJob.
    let index: [String: [String: Int]]
    /// Macie's job log group, by region, where the samples recorded one.
    let logStores: [String: LogEventStore]
    /// The finding count groups GetFindingStatistics answers from, by region.
    let findings: [String: [FindingCount]]

    static let empty = AccountDataset(jobs: [:])

    init(jobs: [String: [RecordedJob]], logs: [String: [String: JobLogs]] = [:], findings: [String: [FindingCount]] = [:]) {
        self.jobs = jobs
        index = jobs.mapValues { list in
            Dictionary(
                list.enumerated().compactMap { i, job in job.job.jobId.map { ($0, i) } }, uniquingKeysWith: { first, _ in first })
        }
        logStores = logs.mapValues(LogEventStore.init)
        self.findings = findings
    }

    /// A job of `region` by id, or `nil` when the account has none such there.
    func job(_ jobId: String, in region: String) -> RecordedJob? {
        index[region]?[jobId].flatMap { jobs[region]?[$0] }
    }

    /// Splits scoped samples into one dataset per account: `DIR/<account>/…` is that account's,
    /// and what was recorded without an account (`DIR/<region>.json`, `DIR/logs/…`) is `home`'s,
    /// as a folder recorded before accounts were known holds the calling account's jobs.
    static func partition(
        jobs: [Scope: [RecordedJob]], logs: [Scope: [String: JobLogs]], findings: [Scope: [FindingCount]], home: String
    ) -> [String: AccountDataset] {
        var jobsBy: [String: [String: [RecordedJob]]] = [:]
        for scope in jobs.keys.sorted() {
            jobsBy[scope.accountId ?? home, default: [:]][scope.region, default: []] += jobs[scope]!
        }
        var logsBy: [String: [String: [String: JobLogs]]] = [:]
        for scope in logs.keys.sorted() {
            logsBy[scope.accountId ?? home, default: [:]][scope.region, default: [:]].merge(logs[scope]!) { _, later in later }
        }
        var findingsBy: [String: [String: [FindingCount]]] = [:]
        for scope in findings.keys.sorted() {
            findingsBy[scope.accountId ?? home, default: [:]][scope.region, default: []] += findings[scope]!
        }
        let accounts = Set(jobsBy.keys).union(logsBy.keys).union(findingsBy.keys)
        return Dictionary(
            uniqueKeysWithValues: accounts.map { account in
                (
                    account,
                    AccountDataset(
                        jobs: jobsBy[account] ?? [:], logs: logsBy[account] ?? [:], findings: findingsBy[account] ?? [:])
                )
            })
    }
}
