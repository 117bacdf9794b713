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

    /// Opens (creating if missing) and migrates the history. Fails before any work is done
    /// if the file is not a history, is damaged, or was written by a newer macie-report.
    public init(url: URL) throws {
        self.url = url
        var config = Configuration()
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            queue = try DatabaseQueue(path: url.path, configuration: config)
        } catch {
            throw Self.failure(url, "cannot open", error)
        }
        do {
            try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                if !tables.isEmpty, !tables.contains("grdb_migrations") {
                    throw HistoryError(
                        "\(url.path) is an SQLite database but not a macie-report history; give --history a new file")
                }
                if try HistorySchema.migrator.hasBeenSuperseded(db) {
                    throw HistoryError(
                        "\(url.path) was written by a newer macie-report (its schema is ahead of this one); upgrade macie-report"
                    )
                }
            }
            try HistorySchema.migrator.migrate(queue)
        } catch let error as HistoryError {
            try? queue.close()
            throw error
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
                    db, sql: "SELECT id, asOf, regions, knownRegions, scope FROM run ORDER BY id DESC LIMIT 1")
            else {
                return nil
            }
            let id: Int64 = run["id"]
            let gaps = try Row.fetchAll(
                db, sql: "SELECT region, reason, listIsComplete FROM run_gap WHERE runId = ?", arguments: [id]
            )
            .map { RegionGap(region: $0["region"], reason: $0["reason"], listIsComplete: $0["listIsComplete"]) }
            var jobs: [JobSnapshot.Key: JobSnapshot] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT region, jobId, accountId, name, jobStatus, jobType, lastRunErrorStatus, lastRunTime,
                           numberOfRuns, jobPausedAt, jobExpiresAt, caveats FROM job_snapshot WHERE runId = ?
                    """, arguments: [id])
            while let row = try rows.next() {
                let job = JobSnapshot(
                    jobId: row[1], region: row[0], accountId: row[2], name: row[3], jobStatus: row[4], jobType: row[5],
                    lastRunErrorStatus: row[6], lastRunTime: Self.date(row[7]), numberOfRuns: row[8],
                    jobPausedAt: Self.date(row[9]), jobExpiresAt: Self.date(row[10]), caveats: row[11])
                jobs[job.key] = job
            }
            return RunSnapshot(
                asOf: Self.parse(run["asOf"]), regions: Self.regions(run["regions"]), gaps: gaps,
                knownRegions: Set(Self.regions(run["knownRegions"])), scope: run["scope"], jobs: jobs)
        }
    }

    /// Status counts of the last `limit` recorded runs, oldest first.
    public func trend(last limit: Int) throws -> [TrendPoint] {
        try reading { db in
            let runs = try Row.fetchAll(
                db, sql: "SELECT id, asOf, complete FROM run ORDER BY id DESC LIMIT ?", arguments: [limit])
            return try runs.reversed().map { run in
                let id: Int64 = run["id"]
                var counts: [String: Int] = [:]
                for row in try Row.fetchAll(
                    db, sql: "SELECT value, jobs FROM run_count WHERE runId = ? AND dimension = 'jobStatus'", arguments: [id])
                {
                    counts[row["value"]] = row["jobs"]
                }
                return TrendPoint(asOf: Self.parse(run["asOf"]), complete: run["complete"], statusCounts: counts)
            }
        }
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
        if let error = error as? HistoryError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB: return HistoryError("\(url.path) is not a macie-report history (not an SQLite database)")
            case .SQLITE_CORRUPT: return HistoryError("\(url.path) is damaged: \(error.message ?? "corrupt")")
            case .SQLITE_FULL: return HistoryError("\(what) history \(url.path): the disk is full")
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
                return HistoryError(
                    "\(what) history \(url.path): \(error.message ?? "permission denied"); check the path and its permissions")
            default: return HistoryError("\(what) history \(url.path): \(error.message ?? "\(error.resultCode)")")
            }
        }
        return HistoryError("\(what) history \(url.path): \(error)")
    }

    static func date(_ seconds: Double?) -> Date? { seconds.map(Date.init(timeIntervalSince1970:)) }
    static func parse(_ text: String) -> Date { ISO8601Timestamp.parse(text) ?? Date(timeIntervalSince1970: 0) }
    static func regions(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }
}
