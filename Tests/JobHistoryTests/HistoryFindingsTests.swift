import Foundation
import GRDB
import JobFetch
import JobTransform
import Macie2Model
import TestSupport
import Testing

@testable import JobHistory

/// Finding counts in the history (schema v4): known counts come back exactly, unknown ones
/// stay NULL, a run's totals feed the trend, a file of an earlier version migrates with
/// every old count unknown, and carried jobs keep their last known counts.
@Suite struct HistoryFindingsTests {
    func file() throws -> URL { try TestSupport.scratchDirectory("history").appendingPathComponent("history.sqlite") }

    func job(_ id: String, _ findings: FindingCounts?, region: String = "us-east-1") -> JobRecord {
        var record = JobRecord(accountId: "111122223333", region: region, jobId: id, name: "job \(id)", jobStatus: .idle)
        record.findings = findings
        return record
    }

    /// A report of `records`, every scope of `regions` read, the `gap` one not completely.
    func report(at time: String, _ records: [JobRecord], regions: [String] = ["us-east-1"], gap: String? = nil)
        -> ReportModel
    {
        var builder = ReportBuilder(asOf: ISO8601Timestamp.parse(time)!, expiryWindowDays: 7)
        for region in regions {
            builder.add(
                ScopeBatch(
                    region: region, jobs: [],
                    gap: region == gap ? ScopeGap(region: region, reason: "access denied", listIsComplete: false) : nil))
        }
        var model = builder.build()
        model.records = records
        return model
    }

    func sqlite(_ url: URL, _ query: String) throws -> [String] {
        try DatabaseQueue(path: url.path).read { db in
            try Row.fetchAll(db, sql: query).map { row in
                row.databaseValues.map { $0.isNull ? "NULL" : "\($0.storage.value ?? "")" }.joined(separator: "|")
            }
        }
    }

    @Test func countsComeBackExactlyAndUnknownOnesStayNull() throws {
        let url = try file()
        let records = [
            job("a", FindingCounts(high: 12, medium: 0, low: 3)), job("b", .zero), job("c", nil),
            job("d", FindingCounts(high: Int64.max, medium: 1, low: 1)),
        ]
        let store = try HistoryStore(url: url)
        try store.record(report(at: "2026-11-24T06:00:00Z", records), startedAt: Date(), source: "test", keepDays: nil)
        let run = try #require(try store.previousRun())
        store.close()
        #expect(
            run.jobs.values.sorted { $0.jobId < $1.jobId }.map(\.findings) == records.map(\.findings),
            "known counts, zero and unknown are three different things")
        #expect(
            try sqlite(url, "SELECT jobId, findingsHigh, findingsMedium, findingsLow FROM job_snapshot ORDER BY jobId") == [
                "a|12|0|3", "b|0|0|0", "c|NULL|NULL|NULL", "d|\(Int64.max)|1|1",
            ])
        // The run's totals leave the unknown job out, and saturate rather than overflow.
        #expect(try sqlite(url, "SELECT findingsHigh, findingsMedium, findingsLow FROM run") == ["\(Int64.max)|1|4"])
    }

    @Test func theTrendCarriesEachRunsTotalsAndNothingForARunWithoutCounts() throws {
        let store = try HistoryStore(url: try file())
        defer { store.close() }
        try store.record(
            report(at: "2026-11-22T06:00:00Z", [job("a", FindingCounts(high: 1, medium: 2, low: 3))]), startedAt: Date(),
            source: "test", keepDays: nil)
        try store.record(report(at: "2026-11-23T06:00:00Z", [job("a", nil)]), startedAt: Date(), source: "test", keepDays: nil)
        try store.record(
            report(
                at: "2026-11-24T06:00:00Z",
                [job("a", FindingCounts(high: 2, medium: 2, low: 3)), job("b", FindingCounts(high: 0, medium: 5, low: 0))]),
            startedAt: Date(), source: "test", keepDays: nil)
        #expect(
            try store.trend(last: 30).map(\.findings) == [
                FindingCounts(high: 1, medium: 2, low: 3), nil, FindingCounts(high: 2, medium: 7, low: 3),
            ])
    }

    @Test func aV3HistoryMigratesInPlaceWithEveryOldCountUnknown() throws {
        let url = try file()
        let queue = try DatabaseQueue(path: url.path)
        try HistorySchema.migrator.migrate(queue, upTo: "v3: last-run error types, buckets and accounts")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (asOf, startedAt, finishedAt, source, regions, knownRegions, scope, complete, jobCount,
                                     scopes, knownScopes)
                    VALUES ('2026-11-23T06:00:00Z', '2026-11-23T06:00:00Z', '2026-11-23T06:01:00Z', 'v3', '["us-east-1"]',
                            '["us-east-1"]', '', 1, 1, '[{"region":"us-east-1"}]', '[{"region":"us-east-1"}]');
                    INSERT INTO run_count (runId, dimension, value, jobs) VALUES (1, 'jobStatus', 'IDLE', 1);
                    INSERT INTO job_snapshot (runId, region, jobId, name, jobStatus, lastRunErrorTypes)
                    VALUES (1, 'us-east-1', 'a', 'job a', 'IDLE', '[]');
                    """)
        }
        try queue.close()

        let store = try HistoryStore(url: url)
        let previous = try #require(try store.previousRun())
        let old = try #require(previous.jobs.values.first)
        #expect(old.jobId == "a" && old.lastRunErrors == RecordedErrors(types: []), "the v3 row is kept whole")
        #expect(old.findings == nil)
        #expect(try store.trend(last: 30).map(\.findings) == [nil])

        // Tonight's counts are not new against a count nobody read; a new job's are.
        let tonight = report(
            at: "2026-11-24T06:00:00Z",
            [job("a", FindingCounts(high: 4, medium: 0, low: 0)), job("n", FindingCounts(high: 0, medium: 2, low: 0))])
        let changes = RunComparison.compare(tonight, with: previous)
        #expect(changes.items.filter { $0.kind == .newFindings }.map { "\($0.jobId) \($0.field ?? "")" } == ["n findingsMedium"])
        #expect(!changes.findingsCompared)
        try store.record(tonight, startedAt: Date(), source: "test", keepDays: nil)
        store.close()
        #expect(
            try sqlite(
                url, "SELECT runId, jobId, findingsHigh, findingsMedium, findingsLow FROM job_snapshot ORDER BY runId, jobId")
                == ["1|a|NULL|NULL|NULL", "2|a|4|0|0", "2|n|0|2|0"])
        #expect(
            try sqlite(url, "SELECT id, findingsHigh, findingsMedium, findingsLow FROM run") == ["1|NULL|NULL|NULL", "2|4|2|0"])
        #expect(try sqlite(url, "SELECT identifier FROM grdb_migrations").last == "v4: finding counts by severity")
    }

    @Test func aCarriedJobKeepsItsLastKnownCountsAndItsNewFindingsAreToldWhenItsScopeIsReadAgain() throws {
        let url = try file()
        let regions = ["us-east-1", "eu-west-1"]
        let store = try HistoryStore(url: url)
        defer { store.close() }
        func night(_ time: String, _ records: [JobRecord], gap: String? = nil) throws -> RunChanges {
            let tonight = report(at: time, records, regions: regions, gap: gap)
            let previous = try store.previousRun()
            let changes = RunComparison.compare(tonight, with: previous)
            let carried = RunSnapshot.carryForward(from: previous, into: tonight, scope: "")
            try store.record(tonight, carried: carried, startedAt: Date(), source: "test", keepDays: nil)
            return changes
        }
        let us = job("u", FindingCounts(high: 1, medium: 1, low: 1))
        _ = try night("2026-11-22T06:00:00Z", [us, job("e", FindingCounts(high: 3, medium: 0, low: 0), region: "eu-west-1")])
        // eu-west-1 denied: its job is carried with its counts, and nothing is told of it.
        let partial = try night("2026-11-23T06:00:00Z", [us], gap: "eu-west-1")
        #expect(partial.count(.newFindings) == 0)
        #expect(
            try sqlite(url, "SELECT findingsHigh, caveats IS NOT NULL FROM job_snapshot WHERE runId = 2 AND jobId = 'e'")
                == ["3|1"])
        // Read again with two more High findings: new since the last count.
        let back = try night(
            "2026-11-24T06:00:00Z", [us, job("e", FindingCounts(high: 5, medium: 0, low: 0), region: "eu-west-1")])
        #expect(
            back.items.filter { $0.kind == .newFindings }.map {
                "\($0.jobId) \($0.before ?? "-")→\($0.after ?? "-") +\($0.newFindings ?? 0)"
            }
                == ["e 3→5 +2"])
        // The partial night's trend point totals only what it read.
        #expect(try store.trend(last: 3).map { $0.findings?.high } == [4, 1, 6])
    }
}
