import AWSClient
import Foundation
import JobFetch
import Logging
import Macie2Model

/// Every classification job of every region asked for, over the Macie2 API, one scope
/// (the credentials' account, a region) per region.
///
/// Regions are walked concurrently. Each region's list is followed page by page with the
/// largest page the API allows until `nextToken` is absent (a token seen twice, or more
/// pages than ``Options/pageLimit``, stops the region with an error instead of going on for
/// ever), then every job is described, at most `maxConcurrency` requests at a time across
/// all regions. A job gone before it could be described is reported from its list entry and
/// flagged; a region that cannot be read becomes a `ScopeGap`. Credentials that do not
/// work, or no endpoint reachable in any region, end the run instead: there would be nothing
/// true to report.
public struct LiveJobSource: JobSource {
    /// What to walk and how hard: the regions, the concurrency, the service-side filter, whether to describe.
    public struct Options: Sendable {
        /// The regions to walk, already checked; each becomes one scope.
        public var regions: [String]
        /// The most Macie2 requests in flight at once, all regions together (`--max-concurrency`); below 1
        /// counts as 1.
        public var maxConcurrency: Int
        /// ListClassificationJobs `filterCriteria` (`--include`/`--exclude`), applied by the service; `nil` lists
        /// every job.
        public var filter: ListJobsFilterCriteria?
        /// Whether each listed job is described; `false` (`--no-describe`) reports from the list entries alone,
        /// faster but with fewer columns filled.
        public var describe: Bool
        /// Keep each answer's bytes on its job (for `--save-samples`); off, they are dropped.
        public var keepBodies: Bool
        /// The most list pages one region may take: far above any real estate (a million jobs
        /// at 200 a page), so reaching it means a service handing out tokens for ever.
        public var pageLimit: Int
        /// How the log events of failed, paused and cancelled jobs are read; `nil` reads none
        /// (`--no-job-logs`). Only described jobs are looked up: the list has no run start.
        public var jobLogs: JobLogOptions?
        /// How each job's finding counts are read; `nil` reads none (`--no-findings`).
        public var findings: FindingOptions?

        /// `pageLimit` below 1 is raised to 1.
        public init(
            regions: [String], maxConcurrency: Int = LiveJobSource.defaultConcurrency, filter: ListJobsFilterCriteria? = nil,
            describe: Bool = true, keepBodies: Bool = false, pageLimit: Int = 5_000, jobLogs: JobLogOptions? = JobLogOptions(),
            findings: FindingOptions? = FindingOptions()
        ) {
            self.jobLogs = jobLogs
            self.findings = findings
            self.regions = regions
            self.maxConcurrency = maxConcurrency
            self.filter = filter
            self.describe = describe
            self.keepBodies = keepBodies
            self.pageLimit = max(1, pageLimit)
        }
    }

    /// Chosen by measurement against the emulator with 40 ms latency (see the README).
    public static let defaultConcurrency = 16
    /// The largest `maxResults` ListClassificationJobs accepts.
    public static let pageSize = 200

    let client: AWSClient
    let account: CallerAccount
    let options: Options
    let logger: Logger
    let progress: (@Sendable (WalkEvent) -> Void)?
    /// The account's name, put on every batch (for the reports), when known.
    let accountName: String?

    /// - Parameter account: the credentials' account, looked up alongside the walk; each
    ///   region's scope takes it when the region is done.
    public init(
        client: AWSClient, account: CallerAccount, accountName: String? = nil, options: Options, logger: Logger,
        progress: (@Sendable (WalkEvent) -> Void)? = nil
    ) {
        self.client = client
        self.account = account
        self.accountName = accountName
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    /// Retries made so far, all regions together (they share one retry policy).
    public func retryCount() async -> Int { await client.retry.retries }

    /// Walks the regions concurrently and yields each region's one batch when it is done (in completion order).
    /// Ends with an error when the credentials are rejected or no region answered at all; cancelling the
    /// stream cancels the walk.
    public func batches() -> AsyncThrowingStream<ScopeBatch, Error> {
        let walker = self
        let limit = ConcurrencyLimit(options.maxConcurrency)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await walker.walkRegions(limit: limit) { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Every region of the account, concurrently under `limit` (shared with other accounts'
    /// walks), each batch handed to `yield` as its region is done.
    func walkRegions(limit: ConcurrencyLimit, yield: (ScopeBatch) -> Void) async throws {
        var unreachable: [ScopeGap] = []
        try await withThrowingTaskGroup(of: (ScopeBatch, Bool).self) { group in
            for region in options.regions {
                group.addTask { try await walk(region, limit: limit) }
            }
            for try await (batch, wasUnreachable) in group {
                if wasUnreachable, let gap = batch.gap { unreachable.append(gap) }
                var named = batch
                named.accountName = accountName
                yield(named)
            }
        }
        if unreachable.count == options.regions.count, let first = unreachable.first {
            throw SourceError.unreachable(
                "no Macie2 endpoint answered in any region (\(first.region): \(first.reason)); check the network, --endpoint-url and --region"
            )
        }
    }

    /// The scope a region's batch is read in: the caller's account (once known) and the region.
    func scope(_ region: String) async -> Scope { Scope(accountId: await account.value, region: region) }

    /// One region: its batch, and whether it failed for want of any answer at all.
    func walk(_ region: String, limit: ConcurrencyLimit) async throws -> (ScopeBatch, Bool) {
        defer { progress?(.regionDone(region: region)) }
        let macie = Macie2Client(client: client, region: region)
        let listed: [JobSummary]
        do {
            listed = try await list(macie, limit: limit)
        } catch let error as AWSError {
            if error.isMacieOff {
                var batch = ScopeBatch(scope: await scope(region), jobs: [])
                batch.state = .macieOff
                return (batch, false)
            }
            if error.isCredentialProblem { throw Self.credentialFailure(error, region) }
            logger.warning("region could not be listed", metadata: ["region": "\(region)", "error": "\(error)"])
            let scope = await scope(region)
            return (
                ScopeBatch(
                    scope: scope, jobs: [], gap: ScopeGap(scope: scope, reason: Self.reason(error, "ListClassificationJobs"))),
                error.isUnreachable
            )
        } catch let error as ListBrokeOff {
            let scope = await scope(region)
            let jobs = error.partial.map {
                SourcedJob(
                    job: .init(listed: $0, region: region, account: nil),
                    caveats: ["from ListClassificationJobs only: the region's list broke off, so its jobs were not described"])
            }
            var batch = ScopeBatch(scope: scope, jobs: jobs, gap: ScopeGap(scope: scope, reason: error.reason))
            if let findings = options.findings { await attachFindings(to: &batch, options: findings, limit: limit) }
            return (batch, false)
        }
        progress?(.listComplete(region: region, jobs: listed.count))
        var batch: ScopeBatch
        if options.describe {
            batch = try await describeAll(listed, client: macie, limit: limit)
            if let jobLogs = options.jobLogs { try await attachLogs(to: &batch, options: jobLogs, limit: limit) }
        } else {
            let scope = await scope(region)
            batch = ScopeBatch(scope: scope, jobs: listed.map { SourcedJob(job: .init(listed: $0, region: region, account: nil)) })
        }
        if let findings = options.findings { await attachFindings(to: &batch, options: findings, limit: limit) }
        return (batch, false)
    }

    /// The list ended without `nextToken` never coming to an end: what it had, and why.
    struct ListBrokeOff: Error {
        let partial: [JobSummary]
        let reason: String
    }

    private func list(_ macie: Macie2Client, limit: ConcurrencyLimit) async throws -> [JobSummary] {
        var items: [JobSummary] = []
        var seenIds = Set<String>()
        var seenTokens = Set<String>()
        var token: String?
        var pages = 0
        repeat {
            guard pages < options.pageLimit else {
                throw ListBrokeOff(
                    partial: items,
                    reason:
                        "ListClassificationJobs was still handing out a nextToken after \(pages) pages (the limit); the list is incomplete"
                )
            }
            let request = ListClassificationJobsRequest(
                filterCriteria: options.filter, maxResults: Self.pageSize, nextToken: token)
            let page = try await limit.run { try await macie.listClassificationJobs(request) }
            pages += 1
            let fresh = (page.items ?? []).filter { $0.jobId.map { seenIds.insert($0).inserted } ?? true }
            items += fresh
            progress?(.listed(region: macie.region, jobs: fresh.count))
            token = page.nextToken
            if let next = token, !seenTokens.insert(next).inserted {
                throw ListBrokeOff(
                    partial: items,
                    reason:
                        "ListClassificationJobs returned the same nextToken twice after \(pages) pages; the list is incomplete")
            }
        } while token != nil
        return items
    }
}
