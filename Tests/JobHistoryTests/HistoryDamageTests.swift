import Foundation
import GRDB
import JobFetch
import JobHistory
import JobTransform
import Macie2Model
import TestSupport
import Testing

/// A history that does not parse is an error naming the file, never a quiet default; a file
/// that is not ours is refused before anything in it changes.
@Suite struct HistoryDamageTests {
    func file() throws -> URL { try TestSupport.scratchDirectory("history").appendingPathComponent("history.sqlite") }

    func message(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "no error"
        } catch { return "\(error)" }
    }

    func recordedHistory() throws -> URL {
        let url = try file()
        let store = try HistoryStore(url: url)
        var builder = ReportBuilder(asOf: ISO8601Timestamp.parse("2026-11-24T06:00:00Z")!)
        builder.add(ScopeBatch(scope: Scope(accountId: "111122223333", region: "us-east-1"), jobs: []))
        try store.record(builder.build(), startedAt: Date(), source: "test", keepDays: nil)
        store.close()
        return url
    }

    @Test(arguments: [
        ("UPDATE run SET asOf = 'last tuesday'", "run 1 has a time that does not parse (last tuesday)"),
        ("UPDATE run SET scopes = 'us-east-1'", "run 1 has scopes that do not parse (us-east-1)"),
        ("UPDATE run SET knownScopes = '{'", "run 1 has scopes that do not parse ({)"),
        (
            "INSERT INTO job_snapshot (runId, region, jobId, lastRunErrorTypes) VALUES (1, 'us-east-1', 'j1', 'DENIED')",
            "run 1 has last-run errors for job j1 that do not parse (DENIED)"
        ),
        (
            "INSERT INTO job_snapshot (runId, region, jobId, lastRunErrorsStoppedAfter) VALUES (1, 'us-east-1', 'j1', 'many')",
            "run 1 has a job snapshot whose lastRunErrorsStoppedAfter is not of its type"
        ),
        (
            "INSERT INTO job_snapshot (runId, region, jobId, lastRunTime) VALUES (1, 'us-east-1', 'j1', 'yesterday')",
            "run 1 has a job snapshot whose lastRunTime is not of its type"
        ),
        (
            "INSERT INTO job_snapshot (runId, region, jobId, findingsHigh, findingsMedium, findingsLow) VALUES (1, 'us-east-1', 'j1', 'lots', 1, 1)",
            "run 1 has a job snapshot whose findingsHigh is not of its type"
        ),
        (
            "INSERT INTO job_snapshot (runId, region, jobId, findingsHigh, findingsMedium) VALUES (1, 'us-east-1', 'j1', 3, 1)",
            "job j1 of run 1 has finding counts for some severities only"
        ),
        (
            "INSERT INTO job_snapshot (runId, region, jobId, findingsHigh, findingsMedium, findingsLow) VALUES (1, 'us-east-1', 'j1', -3, 1, 1)",
            "job j1 of run 1 has a negative finding count"
        ),
    ])
    func rowsThatDoNotParseAreDamageNamingTheFile(_ damage: String, _ detail: String) throws {
        let url = try recordedHistory()
        try DatabaseQueue(path: url.path).write { try $0.execute(sql: damage) }
        let store = try HistoryStore(url: url)
        defer { store.close() }
        let text = message { try store.previousRun() as Any }
        #expect(text == "\(url.path) is damaged: \(detail); restore it from a backup or give --history a new file")
    }

    @Test func aTrendOverADamagedRunIsAnErrorToo() throws {
        let url = try recordedHistory()
        try DatabaseQueue(path: url.path).write { try $0.execute(sql: "UPDATE run SET asOf = ''") }
        let store = try HistoryStore(url: url)
        defer { store.close() }
        #expect(message { try store.trend(last: 30) }.contains("\(url.path) is damaged: run 1 has a time that does not parse"))
    }

    @Test(arguments: [
        (
            "UPDATE run SET findingsHigh = 'many', findingsMedium = 1, findingsLow = 1",
            "run 1 has a findingsHigh that is not a count"
        ),
        ("UPDATE run SET findingsLow = 7", "run 1 has finding counts for some severities only"),
    ])
    func aRunsFindingTotalsThatDoNotParseAreDamageToo(_ damage: String, _ detail: String) throws {
        let url = try recordedHistory()
        try DatabaseQueue(path: url.path).write { try $0.execute(sql: damage) }
        let store = try HistoryStore(url: url)
        defer { store.close() }
        #expect(
            message { try store.trend(last: 30) }
                == "\(url.path) is damaged: \(detail); restore it from a backup or give --history a new file")
    }

    @Test func anotherApplicationsDatabaseIsLeftInItsJournalMode() throws {
        let foreign = try file()
        try DatabaseQueue(path: foreign.path).write { try $0.execute(sql: "CREATE TABLE customers (id INTEGER)") }
        let before = try Data(contentsOf: foreign)
        #expect(message { try HistoryStore(url: foreign) }.contains("is an SQLite database but not a macie-report history"))
        let after = try Data(contentsOf: foreign)
        // Bytes 18 and 19 of the header are the file format versions: 1 for rollback journals, 2 for WAL.
        #expect(after[18] == 1 && after[19] == 1, "still a rollback-journal database")
        #expect(before == after, "not a byte changed")
        #expect(!FileManager.default.fileExists(atPath: foreign.path + "-wal"))
    }

    @Test func gapsKeepTheirScopesAccount() throws {
        let url = try file()
        let store = try HistoryStore(url: url)
        defer { store.close() }
        let scope = Scope(accountId: "111122223333", region: "eu-west-1")
        var builder = ReportBuilder(asOf: ISO8601Timestamp.parse("2026-11-24T06:00:00Z")!)
        builder.add(ScopeBatch(scope: scope, jobs: [], gap: ScopeGap(scope: scope, reason: "access denied")))
        builder.add(ScopeBatch(scope: Scope(accountId: "111122223333", region: "us-east-1"), jobs: []))
        let report = builder.build()
        let carried = RunSnapshot.carryForward(from: nil, into: report, scope: "")
        try store.record(report, carried: carried, startedAt: Date(), source: "test", keepDays: nil)
        let run = try #require(try store.previousRun())
        #expect(run.gaps == [ScopeGap(scope: scope, reason: "access denied")])
        #expect(run.scopes.map(\.description) == ["eu-west-1 (account 111122223333)", "us-east-1 (account 111122223333)"])
        #expect(run.knownScopes.scopes == [Scope(accountId: "111122223333", region: "us-east-1")])
    }
}
