import AWSClient
import CloudWatchLogsClient
import Foundation
import JobFetch
import JobLogModel

extension LiveJobSource {
    /// How job log events are looked up (`nil` in ``Options/jobLogs`` for `--no-job-logs`).
    public struct JobLogOptions: Sendable {
        /// The most events read for one job.
        public var eventLimit: Int
        /// FilterLogEvents requests a second in one account and region: the Logs quota is low
        /// (plan for 5), and a scope's lookups share it.
        public var rate: Double

        public init(eventLimit: Int = JobLogs.defaultEventLimit, rate: Double = 5) {
            self.eventLimit = eventLimit
            self.rate = rate
        }
    }

    /// Reads the log events of every job of the batch that wants them, paced at the Logs
    /// rate for the scope and holding one of the walk's permits per request, with at most
    /// `maxConcurrency` jobs under way (so 100 000 failed jobs are not 100 000 waiting tasks).
    /// Access denied or no answer stops the scope's lookups: every later request is checked
    /// against it before it is sent, so a scope without `logs:FilterLogEvents` costs a few
    /// refused requests, not one per job. Any failure makes the batch's logs gap; the jobs
    /// themselves are always kept.
    func attachLogs(to batch: inout ScopeBatch, options logOptions: JobLogOptions, limit: ConcurrencyLimit) async throws {
        let wanted = batch.jobs.indices.filter { batch.jobs[$0].wantsLogs && batch.jobs[$0].job.jobId != nil }
        guard !wanted.isEmpty else { return }
        let region = batch.region
        let reader = JobLogReader(logs: CloudWatchLogsClient(client: client, region: region), eventLimit: logOptions.eventLimit)
        let pacer = RequestPacer(rate: logOptions.rate)
        let stop = ScopeStop()
        let run: JobLogReader.Runner = { request in
            try await pacer.waitForTurn()
            if let stopped = await stop.error { throw stopped }
            return try await limit.run { try await request() }
        }
        let jobs = batch.jobs
        var failures = 0
        var firstFailure: AWSError?
        try await withThrowingTaskGroup(of: (Int, Result<JobLogs, AWSError>).self) { group in
            var next = 0
            func addNext() {
                guard next < wanted.count else { return }
                let index = wanted[next]
                next += 1
                let job = jobs[index].job
                group.addTask {
                    do {
                        let start = JobLogs.startTime(lastRunTime: job.lastRunTime, createdAt: job.createdAt)
                        return (index, .success(try await reader.read(jobId: job.jobId ?? "", startTime: start, run: run)))
                    } catch let error as AWSError {
                        if error.isAccessDenied || error.isUnreachable || error.isCredentialProblem { await stop.set(error) }
                        return (index, .failure(error))
                    }
                }
            }
            for _ in 0..<min(wanted.count, max(1, options.maxConcurrency)) { addNext() }
            for try await (index, result) in group {
                switch result {
                case .success(let logs): batch.jobs[index].logs = logs
                case .failure(let error):
                    batch.jobs[index].logs = .unavailable
                    failures += 1
                    if firstFailure == nil { firstFailure = error }
                }
                progress?(.logsRead(region: region))
                addNext()
            }
        }
        if let first = await stop.error ?? firstFailure {
            batch.logsGap = ScopeGap(scope: batch.scope, reason: Self.logsReason(first, jobs: failures), listIsComplete: true)
        }
    }

    /// One line for a scope's logs gap, naming what to grant or how to switch the lookup off.
    static func logsReason(_ error: AWSError, jobs: Int) -> String {
        lookupReason(
            error, what: "log events of \(jobs) job(s) could not be read, so why they failed is missing",
            operation: "FilterLogEvents",
            remedy: "grant logs:FilterLogEvents on log group \(JobLogs.logGroupName), or run with --no-job-logs")
    }

    /// One line for a lookup that failed in a scope while its jobs were read (log events,
    /// finding counts): what is missing, why, and on access denied `remedy`.
    static func lookupReason(_ error: AWSError, what: String, operation: String, remedy: String) -> String {
        if error.isAccessDenied { return "\(what): access denied for \(operation): \(error.message) (\(remedy))" }
        if error.isUnreachable { return "\(what): \(operation) got no answer after retries: \(error.message)" }
        if error.isMalformedAnswer { return "\(what): \(error.message)" }
        return "\(what): \(operation) failed after retries: \(error)"
    }
}

/// The first error that makes further lookups in a scope pointless (access denied, no answer).
actor ScopeStop {
    private(set) var error: AWSError?
    func set(_ error: AWSError) { if self.error == nil { self.error = error } }
}
