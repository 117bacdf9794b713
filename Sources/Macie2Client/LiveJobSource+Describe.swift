import AWSClient
import Foundation
import JobFetch
import Macie2Model

extension LiveJobSource {
    /// How describing one listed job ended.
    enum Outcome: Sendable {
        case described(DescribeClassificationJobResponse, body: [UInt8]?)
        case gone
        case failed(AWSError)
    }

    /// Describes every listed job of a region, at most `maxConcurrency` at a time across all
    /// regions, and builds the scope's batch.
    func describeAll(_ listed: [JobSummary], client macie: Macie2Client, limit: ConcurrencyLimit) async throws -> ScopeBatch {
        let region = macie.region
        let keepBodies = options.keepBodies
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
                        let (job, body) = try await limit.run { try await macie.describeClassificationJob(jobId: id) }
                        return (index, .described(job, body: keepBodies ? body : nil))
                    } catch let error as AWSError {
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
        let scope = await scope(region)
        let account = Self.accountOfUndescribed(outcomes, scope: scope)
        var jobs: [SourcedJob] = []
        var failures: [AWSError] = []
        for (summary, outcome) in zip(listed, outcomes) {
            switch outcome {
            case .described(let job, let body)?:
                jobs.append(SourcedJob(job: job, body: body))
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
                            "could not be described (\(error.errorCode ?? Self.shortCause(error))); shown from its list entry"
                        ]))
            case nil:
                break
            }
        }
        let gap = failures.first.map {
            ScopeGap(
                scope: scope,
                reason: "\(failures.count) job(s) could not be described, e.g. \(Self.reason($0, "DescribeClassificationJob"))",
                listIsComplete: true)
        }
        return ScopeBatch(scope: scope, jobs: jobs, gap: gap)
    }

    /// The account of a job that could not be described (it has no ARN): the scope's when
    /// no described job says otherwise, else the one account every described job shares
    /// (data holding several accounts in one scope leaves it unknown).
    static func accountOfUndescribed(_ outcomes: [Outcome?], scope: Scope) -> String? {
        let accounts = Set(
            outcomes.compactMap { outcome -> String? in
                if case .described(let job, _)? = outcome {
                    return job.jobArn?.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init)
                }
                return nil
            })
        if let known = scope.accountId, accounts.isSubset(of: [known]) { return known }
        return accounts.count == 1 ? accounts.first : nil
    }

    static func shortCause(_ error: AWSError) -> String {
        if error.isUnreachable { return "no answer" }
        if error.isMalformedAnswer { return "malformed answer" }
        return "HTTP \(error.status)"
    }

    /// One line for a region's gap, naming the operation and what to check.
    static func reason(_ error: AWSError, _ operation: String) -> String {
        if error.isAccessDenied {
            return
                "access denied for \(operation): \(error.message) (check the IAM policy, and that Macie is enabled in this region)"
        }
        if error.errorCode == "ResourceNotFoundException" {
            return "\(operation) found nothing: \(error.message) (is Macie enabled in this region?)"
        }
        if error.isMalformedAnswer { return "\(operation) gave a malformed answer: \(error.message)" }
        if error.isUnreachable { return "\(operation) got no answer after retries: \(error.message)" }
        return "\(operation) failed after retries: \(error)"
    }

    static func credentialFailure(_ error: AWSError, _ region: String) -> AWSError {
        .credentials(
            "AWS rejected the credentials in \(region): \(error.errorCode ?? "") \(error.message); check the access key, secret and session token (or the profile)",
            cause: error)
    }
}

extension DescribeClassificationJobResponse {
    /// What the list gave of a job, for a job that could not be described. The ARN is rebuilt
    /// from the region and `account` when that is known, so the row still has an account.
    init(listed summary: JobSummary, region: String, account: String?) {
        self.init(
            createdAt: summary.createdAt,
            jobArn: account.flatMap { account in
                summary.jobId.map { "arn:\(AWSRegion.partition(region)):macie2:\(region):\(account):classification-job/\($0)" }
            },
            jobId: summary.jobId, jobStatus: summary.jobStatus, jobType: summary.jobType,
            lastRunErrorStatus: summary.lastRunErrorStatus, name: summary.name,
            s3JobDefinition: summary.bucketDefinitions == nil && summary.bucketCriteria == nil
                ? nil : S3JobDefinition(bucketCriteria: summary.bucketCriteria, bucketDefinitions: summary.bucketDefinitions),
            userPausedDetails: summary.userPausedDetails)
    }
}
