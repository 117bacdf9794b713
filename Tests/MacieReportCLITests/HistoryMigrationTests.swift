import Foundation
import TestSupport
import Testing

/// A history written by the release before scopes (Tests/Fixtures/history-v1.sqlite) is
/// migrated in place and compares with tonight's run, samples or live, without inventing
/// changes.
@Suite(.serialized) struct HistoryMigrationTests {
    static let fixture = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/history-v1.sqlite")

    func copy() throws -> URL {
        let url = try TestSupport.scratchDirectory("migrate").appendingPathComponent("history.sqlite")
        try FileManager.default.copyItem(at: Self.fixture, to: url)
        return url
    }

    func environment() -> [String: String] {
        [
            "PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": "AKIDMIG", "AWS_SECRET_ACCESS_KEY": "migrate-secret",
        ]
    }

    func sqlite(_ url: URL, _ query: String) throws -> String {
        let result = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [url.path, query])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aV1HistoryMigratesAndTheNextSamplesRunSeesNoInventedChanges() throws {
        let history = try copy()
        let out = try TestSupport.scratchDirectory("migrated")
        let result = try TestSupport.run(
            TestSupport.executable(),
            [
                "run", "--samples", TestSupport.demoSamples.path, "--output-dir", out.path, "--as-of", "2026-11-25T06:00:00Z",
                "--history", history.path, "--format", "csv",
            ], environment: environment())
        #expect(result.status == 0, "\(result.stderr)")
        // The partial night before carried eu-west-1 forward: nothing there is new or removed now.
        #expect(result.stdout.contains("Since 2026-11-24T06:00:00Z: 0 newError, "))
        #expect(result.stdout.contains(" 0 statusChanged, 0 new, 0 removed, 0 recovered."))
        // The one limit: the migrated runs have no finding counts, so none is told as new
        // (and "0 newFindings" is not claimed either).
        #expect(result.stdout.contains(" 0 recovered. Compared only where both runs have data (1 limit(s))."))
        #expect(!result.stdout.contains("newFindings"))
        #expect(
            try sqlite(history, "SELECT group_concat(identifier, '|') FROM grdb_migrations")
                == "v1: runs, counts, gaps, job snapshots|v2: scopes (account, region)|v3: last-run error types, buckets and accounts|v4: finding counts by severity"
        )
        // The old runs' counts are unknown (NULL), never 0; tonight's are the demo's.
        #expect(
            try sqlite(
                history,
                "SELECT runId, count(findingsHigh), count(findingsLow) FROM job_snapshot GROUP BY runId ORDER BY runId")
                == "1|0|0\n2|0|0\n3|76|76")
        #expect(
            try sqlite(history, "SELECT id, findingsHigh IS NULL, findingsLow IS NULL FROM run ORDER BY id")
                == "1|1|1\n2|1|1\n3|0|0")
        #expect(try changesCSV(out).allSatisfy { $0.first != "newFindings" })
        // Only the 19 jobs whose log events were wanted have errors recorded (one of them "none",
        // `[]`); every other job's are unknown (NULL), not "none".
        #expect(
            try sqlite(
                history,
                "SELECT count(*) > 70, count(lastRunErrorTypes), sum(lastRunErrorTypes = '[]') FROM job_snapshot WHERE runId = 3")
                == "1|19|1")
        #expect(
            try sqlite(history, "SELECT scopes FROM run WHERE id = 2")
                == #"[{"region":"ap-southeast-2"},{"region":"eu-west-1"},{"region":"us-east-1"}]"#)
        #expect(try sqlite(history, "SELECT accountId || '/' || region FROM run_gap") == "/eu-west-1")
        #expect(try sqlite(history, "SELECT count(*) FROM run") == "3")
    }

    func changesCSV(_ out: URL) throws -> [[String]] {
        try CSVReader.parse(String(decoding: try Data(contentsOf: out.appendingPathComponent("changes.csv")), as: UTF8.self))
    }

    @Test func aLiveRunThatKnowsItsAccountComparesWithTheMigratedRuns() throws {
        let history = try copy()
        let emulator = try EmulatorProcess(["--credentials", "AKIDMIG:migrate-secret"])
        defer { emulator.stop() }
        let out = try TestSupport.scratchDirectory("migrated-live")
        let result = try TestSupport.run(
            TestSupport.executable(),
            [
                "run", "--region", "us-east-1", "--region", "eu-west-1", "--region", "ap-southeast-2", "--endpoint-url",
                emulator.url, "--output-dir", out.path, "--as-of", "2026-11-25T06:00:00Z", "--history", history.path,
                "--format", "csv",
            ], environment: environment())
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(" 0 statusChanged, 0 new, 0 removed, 0 recovered."))
        #expect(
            try sqlite(history, "SELECT knownScopes FROM run WHERE id = 3").contains(
                #"{"accountId":"123456789012","region":"eu-west-1"}"#))
        #expect(try sqlite(history, "SELECT DISTINCT scopeAccountId FROM job_snapshot WHERE runId = 3") == "123456789012")
    }

    @Test func aFIFOGivenAsTheHistoryIsRefusedNotWaitedOn() throws {
        let fifo = try TestSupport.scratchDirectory("fifo").appendingPathComponent("history.sqlite")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let out = try TestSupport.scratchDirectory("fifo-out")
        let result = try TestSupport.run(
            TestSupport.executable(),
            [
                "run", "--samples", TestSupport.demoSamples.path, "--output-dir", out.path, "--history", fifo.path,
                "--quiet",
            ], environment: environment())
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "macie-report: error: history file \(fifo.path) is a FIFO, not a regular file; give --history a regular file\n"
        )
        #expect(try TestSupport.snapshot(out).isEmpty)
    }
}
