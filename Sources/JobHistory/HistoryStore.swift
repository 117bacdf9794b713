import Foundation
import GRDB
import JobFetch
import JobTransform
import Macie2Model

/// The run history: one SQLite file that remembers each run's counts, gaps and a compact
/// snapshot of every job, so the next report can say what changed.
///
/// A run is recorded in one transaction, in WAL mode: a run killed at any point leaves the
/// file consistent, with the previous run intact and the interrupted one absent. The caller
/// keeps other runs out (the `ReportPipeline` module locks the file); SQLite's own locking is the
/// last line of defence.
public final class HistoryStore {
    public let url: URL
    private let queue: DatabaseQueue

    /// Opens (creating if missing) and migrates the history. Fails before any work is done,
    /// and before anything in the file is changed, if the file is not a history, is damaged,
    /// or was written by a newer macie-report.
    public init(url: URL) throws {
        self.url = url
        var config = Configuration()
        config.busyMode = .timeout(60)
        do {
            queue = try DatabaseQueue(path: url.path, configuration: config)
        } catch {
            throw Self.failure(url, "cannot open", error)
        }
        do {
            // Checked before WAL is switched on: journal_mode is written into the file, and
            // another application's database must be left exactly as it was.
            try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if !tables.isEmpty, !tables.contains("grdb_migrations") {
                    throw HistoryError.notAHistory(url, "is an SQLite database but not a macie-report history")
                }
                if try HistorySchema.migrator.hasBeenSuperseded(db) { throw HistoryError.newer(url) }
            }
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            try HistorySchema.migrator.migrate(queue)
        } catch {
            try? queue.close()
            throw Self.failure(url, "cannot read", error)
        }
    }

    /// Closes the file (checkpointing the WAL into it). Call before releasing the file lock.
    public func close() { try? queue.close() }

    /// The most recently recorded run, with every job's snapshot; `nil` for a new history.
    public func previousRun() throws -> RunSnapshot? {
        try reading { db in
            guard
                let run = try Row.fetchOne(
                    db, sql: "SELECT id, asOf, scopes, knownScopes, scope FROM run ORDER BY id DESC LIMIT 1")
            else {
                return nil
            }
            let id: Int64 = run["id"]
            let gaps = try Row.fetchAll(
                db, sql: "SELECT accountId, region, reason, listIsComplete FROM run_gap WHERE runId = ?", arguments: [id]
            )
            .map { row in
                ScopeGap(
                    scope: Scope(accountId: Self.account(row["accountId"]), region: row["region"]), reason: row["reason"],
                    listIsComplete: row["listIsComplete"])
            }
            var jobs: [JobSnapshot.Key: JobSnapshot] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT region, jobId, accountId, name, jobStatus, jobType, lastRunErrorStatus, lastRunTime,
                           numberOfRuns, jobPausedAt, jobExpiresAt, caveats, scopeAccountId, lastRunErrorTypes,
                           lastRunErrorsStoppedAfter, findingsHigh, findingsMedium, findingsLow
                    FROM job_snapshot WHERE runId = ?
                    """, arguments: [id])
            while let row = try rows.next() {
                // Every column through a throwing decode: a value of the wrong type (text in a
                // number column, a NULL id) is named damage, where GRDB's subscripts would stop the run.
                func column<T: DatabaseValueConvertible>(_ index: Int, _ type: T.Type = T.self) throws -> T {
                    do {
                        return try row.decode(T.self, atIndex: index)
                    } catch {
                        let name = row.columnNames.dropFirst(index).first ?? "column \(index)"
                        throw HistoryError.damaged("run \(id) has a job snapshot whose \(name) is not of its type")
                    }
                }
                let jobId: String = try column(1)
                let job = JobSnapshot(
                    jobId: jobId, region: try column(0), scopeAccountId: try column(12), accountId: try column(2),
                    name: try column(3), jobStatus: try column(4), jobType: try column(5), lastRunErrorStatus: try column(6),
                    lastRunTime: Self.date(try column(7)), numberOfRuns: try column(8), jobPausedAt: Self.date(try column(9)),
                    jobExpiresAt: Self.date(try column(10)), caveats: try column(11),
                    lastRunErrors: try StoredErrors.errors(try column(13), stoppedAfter: try column(14), run: id, jobId: jobId),
                    findings: try StoredFindings.counts(
                        try column(15), try column(16), try column(17), run: id, jobId: jobId))
                jobs[job.key] = job
            }
            return RunSnapshot(
                asOf: try Self.time(run["asOf"], run: id), scopes: try StoredScope.scopes(run["scopes"], run: id), gaps: gaps,
                knownScopes: ScopeSet(try StoredScope.scopes(run["knownScopes"], run: id)), scope: run["scope"], jobs: jobs)
        }
    }

    /// Status counts and finding totals of the last `limit` recorded runs, oldest first.
    public func trend(last limit: Int) throws -> [TrendPoint] {
        try reading { db in
            let runs = try Row.fetchAll(
                db,
                sql: "SELECT id, asOf, complete, findingsHigh, findingsMedium, findingsLow FROM run ORDER BY id DESC LIMIT ?",
                arguments: [limit])
            return try runs.reversed().map { run in
                let id: Int64 = run["id"]
                var counts: [String: Int] = [:]
                for row in try Row.fetchAll(
                    db, sql: "SELECT value, jobs FROM run_count WHERE runId = ? AND dimension = 'jobStatus'", arguments: [id])
                {
                    counts[row["value"]] = row["jobs"]
                }
                let findings = try Self.runFindings(run, id: id)
                return TrendPoint(
                    asOf: try Self.time(run["asOf"], run: id), complete: run["complete"], statusCounts: counts, findings: findings
                )
            }
        }
    }

    /// A run's finding totals, each column decoded with a throw: text where a count belongs
    /// is named damage, where GRDB's subscripts would stop the run.
    /// The columns are the 4th to 6th of `trend(last:)`'s query.
    static func runFindings(_ run: Row, id: Int64) throws -> FindingCounts? {
        func count(_ index: Int) throws -> Int64? {
            do { return try run.decode(Int64?.self, atIndex: index) } catch {
                let name = run.columnNames.dropFirst(index).first ?? "column \(index)"
                throw HistoryError.damaged("run \(id) has a \(name) that is not a count")
            }
        }
        return try StoredFindings.counts(try count(3), try count(4), try count(5), run: id)
    }

    /// How many runs the history holds.
    public func runCount() throws -> Int { try reading { try Int.fetchOne($0, sql: "SELECT count(*) FROM run") ?? 0 } }

    private func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch { throw Self.failure(url, "cannot read", error) }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch { throw Self.failure(url, "cannot record the run in", error) }
    }

    static func failure(_ url: URL, _ what: String, _ error: Error) -> HistoryError {
        if let error = error as? HistoryError { return error.naming(url) }
        if let error = error as? DatabaseError {
            let message = error.message ?? "\(error.resultCode)"
            switch error.resultCode {
            case .SQLITE_NOTADB: return .notAHistory(url, "is not a macie-report history (not an SQLite database)")
            case .SQLITE_CORRUPT: return .damaged(url, message, cause: error)
            case .SQLITE_FULL: return .access("\(what) history \(url.path): the disk is full", cause: error)
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
                return .access("\(what) history \(url.path): \(message); check the path and its permissions", cause: error)
            default: return .access("\(what) history \(url.path): \(message)", cause: error)
            }
        }
        return .access("\(what) history \(url.path): \(error)", cause: error)
    }

    static func date(_ seconds: Double?) -> Date? { seconds.map(Date.init(timeIntervalSince1970:)) }

    /// A run's time; one that does not parse is damage, not 1970.
    static func time(_ text: String, run: Int64) throws -> Date {
        guard let date = ISO8601Timestamp.parse(text) else {
            throw HistoryError.damaged("run \(run) has a time that does not parse (\(text.prefix(40)))")
        }
        return date
    }

    /// The stored account of a gap: '' is an unknown account.
    static func account(_ stored: String) -> String? { stored.isEmpty ? nil : stored }
}
