import Foundation
import GRDB
import JobFetch
import JobHistory
import JobTransform
import Macie2Model
import TestSupport
import Testing

/// The history file: what goes in comes back out, runs are pruned, and a file that is not
/// ours, is damaged, or is from a newer version is refused with a line saying so.
@Suite struct HistoryStoreTests {
    func report(at time: String, _ records: [JobRecord], gaps: [ScopeGap] = []) -> ReportModel {
        var builder = ReportBuilder(asOf: ISO8601Timestamp.parse(time)!, expiryWindowDays: 7)
        let jobs = records.map { record in
            SourcedJob(
                job: DescribeClassificationJobResponse(
                    jobArn: "arn:aws:macie2:\(record.region):\(record.accountId ?? ""):classification-job/\(record.jobId ?? "")",
                    jobId: record.jobId, jobStatus: record.jobStatus, name: record.name))
        }
        builder.add(ScopeBatch(region: "us-east-1", jobs: jobs, gap: gaps.first))
        var model = builder.build()
        model.records = records
        return model
    }

    func file() throws -> URL { try TestSupport.scratchDirectory("history").appendingPathComponent("history.sqlite") }

    @Test func aRecordedRunComesBackAsThePreviousRunFieldForField() throws {
        let url = try file()
        let full = JobRecord(
            accountId: "111122223333", region: "us-east-1", jobId: "a1", name: "‏שם <b>&\n", jobType: .scheduled,
            jobStatus: .userPaused, lastRunErrorStatus: .error, lastRunTime: Date(timeIntervalSince1970: 1_700_000_000.123),
            numberOfRuns: 42, jobPausedAt: Date(timeIntervalSince1970: 1_700_000_100),
            jobExpiresAt: Date(timeIntervalSince1970: 1_702_000_000))
        let bare = JobRecord(
            region: "us-east-1", jobId: "b2", caveats: ["could not be described (ThrottlingException); shown from its list entry"]
        )
        var noId = JobRecord(region: "us-east-1", name: "no id")
        noId.jobId = nil
        let gap = ScopeGap(region: "us-east-1", reason: "1 job(s) could not be described", listIsComplete: true)
        let store = try HistoryStore(url: url)
        #expect(try store.previousRun() == nil)
        let recorded = try store.record(
            report(at: "2026-11-24T06:00:00.250Z", [full, bare, noId], gaps: [gap]), startedAt: Date(), source: "test",
            keepDays: nil)
        #expect(recorded.jobsWithoutId == 1)
        store.close()

        let reopened = try HistoryStore(url: url)
        defer { reopened.close() }
        let run = try #require(try reopened.previousRun())
        #expect(run.asOf == ISO8601Timestamp.parse("2026-11-24T06:00:00.250Z"))
        #expect(run.regions == ["us-east-1"])
        #expect(run.gaps == [gap])
        let jobs = run.jobs.values.sorted { $0.jobId < $1.jobId }
        #expect(jobs == [JobSnapshot(full)!, JobSnapshot(bare)!])
        #expect(jobs[0].lastRunTime == Date(timeIntervalSince1970: 1_700_000_000.123))
    }

    @Test func theTrendIsTheLastRunsOldestFirstAndKeepDaysPrunesOldRunsWithTheirJobs() throws {
        let url = try file()
        let store = try HistoryStore(url: url)
        for day in 1...5 {
            let records = (0..<day).map {
                JobRecord(region: "us-east-1", jobId: "j\($0)", jobStatus: $0 == 0 ? .paused : .running)
            }
            try store.record(report(at: "2026-11-0\(day)T06:00:00Z", records), startedAt: Date(), source: "test", keepDays: nil)
        }
        let trend = try store.trend(last: 3)
        #expect(
            trend.map { ISO8601Timestamp.format($0.asOf) } == [
                "2026-11-03T06:00:00Z", "2026-11-04T06:00:00Z", "2026-11-05T06:00:00Z",
            ])
        #expect(
            trend.map { $0.statusCounts.filter { $0.value > 0 } } == [
                ["PAUSED": 1, "RUNNING": 2], ["PAUSED": 1, "RUNNING": 3], ["PAUSED": 1, "RUNNING": 4],
            ])
        let pruned = try store.record(
            report(at: "2026-11-06T06:00:00Z", []), startedAt: Date(), source: "test", keepDays: 2)
        #expect(pruned.prunedRuns == 3)
        #expect(try store.runCount() == 3)
        store.close()
        let db = try DatabaseQueue(path: url.path)
        let orphans = try db.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM job_snapshot WHERE runId NOT IN (SELECT id FROM run)")
        }
        let kept = try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM job_snapshot") }
        #expect(orphans == 0)
        #expect(kept == 4 + 5)
        #expect(try db.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func theRunJustRecordedIsNeverPrunedEvenWhenItIsOld() throws {
        let store = try HistoryStore(url: try file())
        defer { store.close() }
        try store.record(report(at: "2026-11-24T06:00:00Z", []), startedAt: Date(), source: "test", keepDays: 1)
        try store.record(report(at: "2020-01-01T00:00:00Z", []), startedAt: Date(), source: "test", keepDays: 1)
        #expect(try store.runCount() == 2)
    }

    @Test func filesThatAreNotAHistoryOrAreFromANewerVersionAreRefused() throws {
        let text = try file()
        try Data("nightly notes, not a database\n".utf8 + Data(repeating: 0x41, count: 4096)).write(to: text)
        #expect(throws: HistoryError.self) { try HistoryStore(url: text) }
        #expect(catchMessage { try HistoryStore(url: text) }.contains("is not a macie-report history"))

        let foreign = try file()
        try DatabaseQueue(path: foreign.path).write { try $0.execute(sql: "CREATE TABLE customers (id INTEGER)") }
        #expect(catchMessage { try HistoryStore(url: foreign) }.contains("is an SQLite database but not a macie-report history"))

        let newer = try file()
        try HistoryStore(url: newer).close()
        try DatabaseQueue(path: newer.path).write {
            try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2: something from the future')")
        }
        #expect(catchMessage { try HistoryStore(url: newer) }.contains("was written by a newer macie-report"))
    }

    @Test func aMigratedFileRecordsItsSchemaVersion() throws {
        let url = try file()
        try HistoryStore(url: url).close()
        let applied = try DatabaseQueue(path: url.path).read {
            try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(applied == ["v1: runs, counts, gaps, job snapshots", "v2: scopes (account, region)"])
    }

    func catchMessage(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "no error"
        } catch { return "\(error)" }
    }
}
