import Foundation
import GRDB
import JobFetch
import JobTransform
import Macie2Model

extension HistoryStore {
    /// What recording a run did to the history.
    public struct Recorded: Sendable {
        /// Runs deleted by `--keep-days`, with their snapshots.
        public var prunedRuns: Int
        /// Jobs not snapshotted because they have no id (they cannot be recognised next time).
        public var jobsWithoutId: Int
    }

    /// Records this run (counts, gaps, a snapshot per job, and the jobs carried forward from
    /// the previous run where this one was partial) and prunes runs older than `keepDays`
    /// before it, all in one transaction: it lands whole or not at all. The run just recorded
    /// is never pruned, whatever its time.
    @discardableResult
    public func record(
        _ report: ReportModel, carried: CarryForward = CarryForward(jobs: [], knownScopes: ScopeSet()), scope: String = "",
        startedAt: Date, source: String, keepDays: Int?
    ) throws -> Recorded {
        try write { db in
            // regions and knownRegions are kept for readers of the v1 columns.
            let regions = String(decoding: try JSONEncoder().encode(report.regions), as: UTF8.self)
            let knownRegions = Array(Set(carried.knownScopes.scopes.map(\.region))).sorted()
            let known = String(decoding: try JSONEncoder().encode(knownRegions), as: UTF8.self)
            try db.execute(
                sql: """
                    INSERT INTO run (asOf, startedAt, finishedAt, source, regions, knownRegions, scope, complete, jobCount,
                                     scopes, knownScopes, findingsHigh, findingsMedium, findingsLow)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: StatementArguments(
                    [
                        ISO8601Timestamp.formatPrecise(report.asOf), ISO8601Timestamp.formatPrecise(startedAt),
                        ISO8601Timestamp.formatPrecise(Date()), source, regions, known, scope, report.isComplete,
                        report.records.count, try StoredScope.json(report.scopes),
                        try StoredScope.json(carried.knownScopes.sorted),
                    ] as [(any DatabaseValueConvertible)?])
                    // The run's own totals (the trend's point), never the carried jobs' counts.
                    + StatementArguments(StoredFindings.columns(TrendPoint(report).findings)))
            let runId = db.lastInsertedRowID
            let count = try db.makeStatement(sql: "INSERT INTO run_count (runId, dimension, value, jobs) VALUES (?, ?, ?, ?)")
            for row in report.summaries.rows {
                try count.execute(arguments: [runId, row.dimension.rawValue, row.value, row.jobs])
            }
            let gap = try db.makeStatement(
                sql: "INSERT OR IGNORE INTO run_gap (runId, accountId, region, reason, listIsComplete) VALUES (?, ?, ?, ?, ?)")
            // One row per scope: a scope whose jobs could not all be described and whose log
            // events could not be read has both reasons, and its list is complete only if both say so.
            var merged: [Scope: (reason: String, listIsComplete: Bool)] = [:]
            var order: [Scope] = []
            for g in report.gaps {
                if let known = merged[g.scope] {
                    merged[g.scope] = (known.reason + "; " + g.reason, known.listIsComplete && g.listIsComplete)
                } else {
                    merged[g.scope] = (g.reason, g.listIsComplete)
                    order.append(g.scope)
                }
            }
            for scope in order {
                let g = merged[scope] ?? (reason: "", listIsComplete: false)
                try gap.execute(arguments: [runId, scope.accountId ?? "", scope.region, g.reason, g.listIsComplete])
            }
            let jobsWithoutId = try insertSnapshots(db, runId: runId, report.records, carried: carried.jobs)
            var pruned = 0
            if let keepDays {
                let cutoff = ISO8601Timestamp.formatPrecise(report.asOf.addingTimeInterval(-Double(keepDays) * 86_400))
                try db.execute(sql: "DELETE FROM run WHERE asOf < ? AND id <> ?", arguments: [cutoff, runId])
                pruned = db.changesCount
            }
            return Recorded(prunedRuns: pruned, jobsWithoutId: jobsWithoutId)
        }
    }

    /// One row per job with an id; a second job with the same region and id (only hostile
    /// data has one) keeps the first.
    private func insertSnapshots(_ db: Database, runId: Int64, _ records: [JobRecord], carried: [JobSnapshot]) throws -> Int {
        let insert = try db.makeStatement(
            sql: """
                INSERT OR IGNORE INTO job_snapshot (runId, region, jobId, accountId, name, jobStatus, jobType,
                    lastRunErrorStatus, lastRunTime, numberOfRuns, jobPausedAt, jobExpiresAt, caveats, scopeAccountId,
                    lastRunErrorTypes, lastRunErrorsStoppedAfter, findingsHigh, findingsMedium, findingsLow)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        var withoutId = 0
        func insertRow(_ job: JobSnapshot) throws {
            try insert.execute(
                arguments: StatementArguments(
                    [
                        runId, job.region, job.jobId, job.accountId, job.name, job.jobStatus, job.jobType, job.lastRunErrorStatus,
                        job.lastRunTime?.timeIntervalSince1970, job.numberOfRuns, job.jobPausedAt?.timeIntervalSince1970,
                        job.jobExpiresAt?.timeIntervalSince1970, job.caveats, job.scopeAccountId,
                        try StoredErrors.json(job.lastRunErrors),
                        job.lastRunErrors?.stoppedAfter,
                    ] as [(any DatabaseValueConvertible)?]) + StatementArguments(StoredFindings.columns(job.findings)))
        }
        for record in records {
            guard let job = JobSnapshot(record) else {
                withoutId += 1
                continue
            }
            try insertRow(job)
        }
        for job in carried { try insertRow(job) }
        return withoutId
    }
}
