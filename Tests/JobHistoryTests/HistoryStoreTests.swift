import Foundation
import GRDB
import JobFetch
import JobHistory
import JobLogModel
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
        #expect(
            applied == [
                "v1: runs, counts, gaps, job snapshots", "v2: scopes (account, region)",
                "v3: last-run error types, buckets and accounts", "v4: finding counts by severity",
            ])
    }

    /// A job whose last run skipped two buckets (one of them twice) and one account.
    static func failing(_ id: String, stoppedAfter: Int? = nil) -> JobRecord {
        var record = JobRecord(
            accountId: "111122223333", region: "us-east-1", jobId: id, name: "failing \(id)", jobStatus: .idle,
            lastRunErrorStatus: .error)
        let denied = JobEventType(rawValue: "BUCKET_ACCESS_DENIED")
        record.lastRunErrors = JobLastRunErrors(
            events: [
                JobErrorEvent(eventType: denied, level: .bucket, affectedAccount: "444455556666", affectedResource: "logs-b"),
                JobErrorEvent(eventType: denied, level: .bucket, affectedResource: "logs-a"),
                JobErrorEvent(eventType: denied, level: .bucket, affectedResource: "logs-a"),
                JobErrorEvent(
                    eventType: JobEventType(rawValue: "ACCOUNT_SUSPENDED"), level: .account, affectedAccount: "777788889999"),
                JobErrorEvent(eventType: JobEventType(rawValue: ""), level: .unparsed, description: "not json"),
            ], stoppedAfter: stoppedAfter)
        return record
    }

    @Test func lastRunErrorsComeBackAndUnknownOnesStayNull() throws {
        let url = try file()
        var unread = JobRecord(region: "us-east-1", jobId: "unread", lastRunErrorStatus: .error)
        unread.lastRunErrors = JobLastRunErrors(events: [], wasRead: false)
        var clean = JobRecord(region: "us-east-1", jobId: "clean", jobStatus: .paused)
        clean.lastRunErrors = JobLastRunErrors(events: [])
        let notLookedUp = JobRecord(region: "us-east-1", jobId: "healthy", lastRunErrorStatus: LastRunErrorStatusCode.noError)
        let records = [Self.failing("denied"), Self.failing("cut", stoppedAfter: 2_000), unread, clean, notLookedUp]
        let store = try HistoryStore(url: url)
        try store.record(report(at: "2026-11-24T06:00:00Z", records), startedAt: Date(), source: "test", keepDays: nil)
        store.close()

        let reopened = try HistoryStore(url: url)
        let run = try #require(try reopened.previousRun())
        reopened.close()
        let denied = try #require(run.jobs.values.first { $0.jobId == "denied" }?.lastRunErrors)
        #expect(
            denied.types == [
                RecordedErrors.TypeEntry(
                    type: "BUCKET_ACCESS_DENIED", level: "bucket", events: 3, buckets: ["logs-a", "logs-b"],
                    accounts: ["444455556666"]),
                RecordedErrors.TypeEntry(type: "ACCOUNT_SUSPENDED", level: "account", events: 1, accounts: ["777788889999"]),
            ])
        #expect(denied.isComplete)
        #expect(denied.bucketTypes == ["logs-a": ["BUCKET_ACCESS_DENIED"], "logs-b": ["BUCKET_ACCESS_DENIED"]])
        #expect(denied.accountTypes == ["777788889999": ["ACCOUNT_SUSPENDED"]])
        #expect(run.jobs.values.first { $0.jobId == "cut" }?.lastRunErrors?.stoppedAfter == 2_000)
        #expect(run.jobs.values.first { $0.jobId == "clean" }?.lastRunErrors == RecordedErrors(types: []))
        #expect(run.jobs.values.first { $0.jobId == "unread" }?.lastRunErrors == nil)
        #expect(run.jobs.values.first { $0.jobId == "healthy" }?.lastRunErrors == nil)
        #expect(
            run.jobs.values.sorted { $0.jobId < $1.jobId } == records.compactMap(JobSnapshot.init).sorted { $0.jobId < $1.jobId })

        // Read and clean is '[]'; not read and not looked up are both SQL NULL.
        let stored = try DatabaseQueue(path: url.path).read { db in
            try Row.fetchAll(db, sql: "SELECT jobId, lastRunErrorTypes FROM job_snapshot ORDER BY jobId").map {
                "\($0["jobId"] as String)=\(($0["lastRunErrorTypes"] as String?) ?? "NULL")"
            }
        }
        #expect(
            stored.filter { !$0.hasPrefix("cut") && !$0.hasPrefix("denied") } == [
                "clean=[]", "healthy=NULL", "unread=NULL",
            ])
        #expect(stored.contains { $0.hasPrefix("denied=[{\"accounts\":[\"444455556666\"],\"buckets\":[\"logs-a\",\"logs-b\"]") })
    }

    @Test func theV1FixtureMigratesThroughV2AndV3AndRecordsAV4Run() throws {
        let url = try file()
        try FileManager.default.copyItem(
            at: TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/history-v1.sqlite"), to: url)
        let store = try HistoryStore(url: url)
        let migrated = try #require(try store.previousRun())
        #expect(migrated.asOf == ISO8601Timestamp.parse("2026-11-24T06:00:00Z"))
        #expect(migrated.jobs.count == 76)
        // Runs recorded before v3 never read log events: nothing may be compared against them.
        #expect(migrated.jobs.values.allSatisfy { $0.lastRunErrors == nil })
        // Nor finding counts: every job's are unknown, never zero.
        #expect(migrated.jobs.values.allSatisfy { $0.findings == nil })
        #expect(try store.trend(last: 30).allSatisfy { $0.findings == nil })
        try store.record(
            report(at: "2026-11-25T06:00:00Z", [Self.failing("j1")]), startedAt: Date(), source: "test", keepDays: nil)
        let run = try #require(try store.previousRun())
        store.close()
        #expect(run.jobs.values.map(\.lastRunErrors) == [JobSnapshot(Self.failing("j1"))!.lastRunErrors])
        #expect(run.jobs.values.first?.lastRunErrors?.bucketTypes.keys.sorted() == ["logs-a", "logs-b"])
        let applied = try DatabaseQueue(path: url.path).read {
            try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(applied.last == "v4: finding counts by severity")
        #expect(try DatabaseQueue(path: url.path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM run") } == 3)
    }

    func catchMessage(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "no error"
        } catch { return "\(error)" }
    }
}
