import AWSClient
import Foundation
import JobFetch
import Logging
import Macie2Model

/// Every classification job of every region asked for, over the Macie2 API.
///
/// Regions are walked concurrently. Each region's list is followed page by page with the
/// largest page the API allows until `nextToken` is absent (a token seen twice stops the
/// region with an error instead of looping), then every job is described, at most
/// `maxConcurrency` requests at a time across all regions. A job gone before it could be
/// described is reported from its list entry and flagged; a region that cannot be read
/// becomes a ``RegionGap``. Credentials that do not work, or no endpoint reachable in any
/// region, end the run instead: there would be nothing true to report.
public struct LiveJobSource: JobSource {
    public struct Options: Sendable {
        public var regions: [String]
        public var maxConcurrency: Int
        public var filter: ListJobsFilterCriteria?
        public var describe: Bool

        public init(
            regions: [String], maxConcurrency: Int = LiveJobSource.defaultConcurrency, filter: ListJobsFilterCriteria? = nil,
            describe: Bool = true
        ) {
            self.regions = regions
            self.maxConcurrency = maxConcurrency
            self.filter = filter
            self.describe = describe
        }
    }

    /// Chosen by measurement against the emulator with 40 ms latency (see the README).
    public static let defaultConcurrency = 16
    /// The largest `maxResults` ListClassificationJobs accepts.
    public static let pageSize = 200

    let clients: [String: Macie2Client]
    let options: Options
    let logger: Logger
    let progress: (@Sendable (WalkEvent) -> Void)?

    public init(
        clients: [String: Macie2Client], options: Options, logger: Logger, progress: (@Sendable (WalkEvent) -> Void)? = nil
    ) {
        self.clients = clients
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    /// Retries made so far, all regions together (they share one retry policy).
    public func retryCount() async -> Int {
        guard let client = clients.values.first else { return 0 }
        return await client.retry.retries
    }

    public func batches() -> AsyncThrowingStream<RegionBatch, Error> {
        let walker = self
        let limit = ConcurrencyLimit(options.maxConcurrency)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var unreachable: [RegionGap] = []
                    try await withThrowingTaskGroup(of: (RegionBatch, Bool).self) { group in
                        for region in walker.options.regions {
                            group.addTask { try await walker.walk(region, limit: limit) }
                        }
                        for try await (batch, wasUnreachable) in group {
                            if wasUnreachable, let gap = batch.gap { unreachable.append(gap) }
                            continuation.yield(batch)
                        }
                    }
                    if unreachable.count == walker.options.regions.count, let first = unreachable.first {
                        throw SourceError(
                            "no Macie2 endpoint answered in any region (\(first.region): \(first.reason)); check the network, --endpoint-url and --region"
                        )
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// One region: its batch, and whether it failed for want of any answer at all.
    func walk(_ region: String, limit: ConcurrencyLimit) async throws -> (RegionBatch, Bool) {
        defer { progress?(.regionDone(region: region)) }
        guard let client = clients[region] else { return (RegionBatch(region: region, jobs: []), false) }
        let listed: [JobSummary]
        do {
            listed = try await list(client, limit: limit)
        } catch let error as Macie2Error {
            if error.isCredentialProblem { throw Self.credentialFailure(error, region) }
            logger.warning("region could not be listed", metadata: ["region": "\(region)", "error": "\(error)"])
            return (
                RegionBatch(
                    region: region, jobs: [], gap: RegionGap(region: region, reason: Self.reason(error, "ListClassificationJobs"))
                ), error.isUnreachable
            )
        } catch let error as RepeatedToken {
            return (
                RegionBatch(
                    region: region,
                    jobs: error.partial.map {
                        SourcedJob(
                            job: .init(listed: $0, region: region, account: nil),
                            caveats: [
                                "from ListClassificationJobs only: the region's list broke off, so its jobs were not described"
                            ])
                    },
                    gap: RegionGap(
                        region: region,
                        reason:
                            "ListClassificationJobs returned the same nextToken twice after \(error.pages) pages; the list is incomplete"
                    )), false
            )
        }
        progress?(.listComplete(region: region, jobs: listed.count))
        guard options.describe else {
            return (
                RegionBatch(
                    region: region, jobs: listed.map { SourcedJob(job: .init(listed: $0, region: region, account: nil)) }), false
            )
        }
        return (try await describeAll(listed, client: client, limit: limit), false)
    }

    struct RepeatedToken: Error {
        let partial: [JobSummary]
        let pages: Int
    }

    private func list(_ client: Macie2Client, limit: ConcurrencyLimit) async throws -> [JobSummary] {
        var items: [JobSummary] = []
        var seenIds = Set<String>()
        var seenTokens = Set<String>()
        var token: String?
        var pages = 0
        repeat {
            let request = ListClassificationJobsRequest(
                filterCriteria: options.filter, maxResults: Self.pageSize, nextToken: token)
            let page = try await limit.run { try await client.listClassificationJobs(request) }
            pages += 1
            let fresh = (page.items ?? []).filter { $0.jobId.map { seenIds.insert($0).inserted } ?? true }
            items += fresh
            progress?(.listed(region: client.region, jobs: fresh.count))
            token = page.nextToken
            if let next = token, !seenTokens.insert(next).inserted { throw RepeatedToken(partial: items, pages: pages) }
        } while token != nil
        return items
    }

    private func describeAll(_ listed: [JobSummary], client: Macie2Client, limit: ConcurrencyLimit) async throws -> RegionBatch {
        let region = client.region
        enum Outcome: Sendable {
            case described(DescribeClassificationJobResponse)
            case gone
            case failed(Macie2Error)
        }
        var outcomes = [Outcome?](repeating: nil, count: listed.count)
        try await withThrowingTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0
            func addNext() {
                guard next < listed.count else { return }
                let index = next
                let id = listed[index].jobId ?? ""
                next += 1
                group.addTask {
                    do {
                        let job = try await limit.run { try await client.describeClassificationJob(jobId: id) }
                        return (index, .described(job))
                    } catch let error as Macie2Error {
                        if error.isCredentialProblem { throw Self.credentialFailure(error, region) }
                        return (index, error.isNotFound ? .gone : .failed(error))
                    }
                }
            }
            // Keep a few more tasks queued than the limit allows, so permits never sit idle.
            for _ in 0..<min(listed.count, options.maxConcurrency * 2) { addNext() }
            for try await (index, outcome) in group {
                outcomes[index] = outcome
                progress?(.described(region: region))
                addNext()
            }
        }
        // A job that could not be described has no ARN. Its account is known only when every
        // described job of the region shares one (a delegated administrator sees several).
        let accounts = Set(
            outcomes.compactMap { outcome -> String? in
                if case .described(let job)? = outcome {
                    return job.jobArn?.split(separator: ":").dropFirst(4).first.map(String.init)
                }
                return nil
            })
        let account = accounts.count == 1 ? accounts.first : nil
        var jobs: [SourcedJob] = []
        var failures: [Macie2Error] = []
        for (summary, outcome) in zip(listed, outcomes) {
            switch outcome {
            case .described(let job)?:
                jobs.append(SourcedJob(job: job))
            case .gone?:
                jobs.append(
                    SourcedJob(
                        job: .init(listed: summary, region: region, account: account),
                        caveats: [
                            "vanished between ListClassificationJobs and DescribeClassificationJob; shown from its list entry"
                        ]))
            case .failed(let error)?:
                failures.append(error)
                jobs.append(
                    SourcedJob(
                        job: .init(listed: summary, region: region, account: account),
                        caveats: [
                            "could not be described (\(error.code ?? "no answer")); shown from its list entry"
                        ]))
            case nil:
                break
            }
        }
        let gap = failures.first.map {
            RegionGap(
                region: region,
                reason: "\(failures.count) job(s) could not be described, e.g. \(Self.reason($0, "DescribeClassificationJob"))",
                listIsComplete: true)
        }
        return RegionBatch(region: region, jobs: jobs, gap: gap)
    }

    static func reason(_ error: Macie2Error, _ operation: String) -> String {
        switch error.code {
        case "AccessDeniedException":
            return
                "access denied for \(operation): \(error.message) (check the IAM policy, and that Macie is enabled in this region)"
        case "ResourceNotFoundException": return "\(operation) found nothing: \(error.message) (is Macie enabled in this region?)"
        default: return "\(operation) failed after retries: \(error)"
        }
    }

    static func credentialFailure(_ error: Macie2Error, _ region: String) -> CredentialError {
        CredentialError(
            "AWS rejected the credentials in \(region): \(error.code ?? "") \(error.message); check the access key, secret and session token (or the profile)"
        )
    }
}

extension DescribeClassificationJobResponse {
    /// What the list gave of a job, for a job that could not be described. The ARN is rebuilt
    /// from the region and `account` when that is known, so the row still has an account.
    init(listed summary: JobSummary, region: String, account: String?) {
        self.init(
            createdAt: summary.createdAt,
            jobArn: account.flatMap { account in
                summary.jobId.map { "arn:aws:macie2:\(region):\(account):classification-job/\($0)" }
            },
            jobId: summary.jobId, jobStatus: summary.jobStatus, jobType: summary.jobType,
            lastRunErrorStatus: summary.lastRunErrorStatus, name: summary.name,
            s3JobDefinition: summary.bucketDefinitions == nil && summary.bucketCriteria == nil
                ? nil : S3JobDefinition(bucketCriteria: summary.bucketCriteria, bucketDefinitions: summary.bucketDefinitions),
            userPausedDetails: summary.userPausedDetails)
    }
}
