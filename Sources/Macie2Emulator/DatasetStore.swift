import Foundation
import JobFetch
import JobLogModel

/// Every account's dataset, as the service asks for them. The home account's is read when the
/// emulator starts (so a broken demo folder still fails at once); every other account's is read
/// from its folder the first time a request of that account needs it, and kept while the cached
/// accounts together hold at most `budget` jobs, the least recently used going first. An
/// organization of 10 000 accounts then starts at once and stays within a few hundred megabytes,
/// while a walk, which finishes one account-region before moving on, reads each file once.
///
/// Not thread-safe on its own; ``Macie2Service`` holds it behind its lock.
struct DatasetStore {
    private let index: SamplesIndex?
    private let home: String
    /// Datasets given in memory, and the home account's: never evicted.
    private let pinned: [String: AccountDataset]
    private var cache: [String: (dataset: AccountDataset, jobs: Int, used: Int)] = [:]
    private var cachedJobs = 0
    private var clock = 0
    /// The most jobs the cached (not pinned) accounts hold together.
    let budget: Int

    /// Everything in memory already (tests, and one-account datasets built by hand).
    init(preloaded: [String: AccountDataset]) {
        index = nil
        home = ""
        pinned = preloaded
        budget = 0
    }

    /// Reads the home account's files of `index` now (failing as the folder's first problem
    /// does); other accounts wait until asked for.
    init(index: SamplesIndex, home: String, budget: Int = 100_000) throws {
        self.index = index
        self.home = home
        self.budget = budget
        pinned = [home: try Self.read(home, from: index, home: home)]
    }

    /// Whether `account` has a folder of files (the home account always counts).
    func hasFiles(for account: String) -> Bool {
        pinned[account] != nil || index?.accounts.contains(account) == true
    }

    /// `account`'s dataset: empty for an account with no files. Throws the `SourceError` of a
    /// file that cannot be read (it is not cached, so a fixed file is read on the next request).
    mutating func dataset(_ account: String) throws -> AccountDataset {
        if let dataset = pinned[account] { return dataset }
        clock += 1
        if let entry = cache[account] {
            cache[account]!.used = clock
            return entry.dataset
        }
        guard let index, index.accounts.contains(account) else { return .empty }
        let dataset = try Self.read(account, from: index, home: home)
        let jobs = dataset.jobs.values.reduce(0) { $0 + $1.count }
        while cachedJobs + jobs > budget, let oldest = cache.min(by: { $0.value.used < $1.value.used }) {
            cachedJobs -= oldest.value.jobs
            cache[oldest.key] = nil
        }
        cache[account] = (dataset, jobs, clock)
        cachedJobs += jobs
        return dataset
    }

    /// One account's files: `DIR/<account>/…`, and for the home account also what was recorded
    /// without an account, region by region in scope order (the unaccounted file first).
    static func read(_ account: String, from index: SamplesIndex, home: String) throws -> AccountDataset {
        let scopes = (index.scopes(of: account) + (account == home ? index.scopes(of: nil) : [])).sorted()
        var jobs: [String: [RecordedJob]] = [:]
        var logs: [String: [String: JobLogs]] = [:]
        var findings: [String: [FindingCount]] = [:]
        for scope in scopes {
            let recorded = try index.jobs(scope)
            if !recorded.isEmpty { jobs[scope.region, default: []] += recorded }
            if let events = try index.logs(scope) { logs[scope.region, default: [:]].merge(events) { _, later in later } }
            if let counts = try index.findings(scope) { findings[scope.region, default: []] += counts }
        }
        return AccountDataset(jobs: jobs, logs: logs, findings: findings)
    }
}
