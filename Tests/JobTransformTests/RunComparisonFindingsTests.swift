import Foundation
import JobFetch
import Macie2Model
import TestSupport
import Testing

@testable import JobTransform

/// New findings per job and severity between two nights of the demo dataset: the second
/// night is the demo as recorded, the first the same jobs with some counts made smaller or
/// unknown. The expected rows are worked out here from those edits.
@Suite struct RunComparisonFindingsTests {
    func demo() async throws -> ReportModel { try await DemoReportTests.demoReport() }

    func yesterday(_ report: ReportModel, _ snapshots: [JobSnapshot]) -> RunSnapshot {
        RunSnapshot(asOf: report.asOf.addingTimeInterval(-86_400), scopes: report.scopes, gaps: [], jobs: snapshots)
    }

    func rows(_ changes: RunChanges) -> [String] {
        changes.items.filter { $0.kind == .newFindings }.map {
            "\($0.jobId.prefix(6)) \($0.field ?? "") \($0.before ?? "-")→\($0.after ?? "-") +\($0.newFindings ?? -1) \($0.note)"
        }
    }

    /// Indices of demo records with High, Medium and Low findings, each a different job.
    func pick(_ report: ReportModel) throws -> (high: Int, mixed: Int, shrunk: Int, unknownThen: Int, unknownNow: Int) {
        let all = report.records.indices.filter {
            let f = report.records[$0].findings
            return (f?.high ?? 0) > 2 && (f?.medium ?? 0) > 1 && (f?.low ?? 0) > 1
        }
        try #require(all.count >= 5, "the demo has jobs with findings of every severity")
        return (all[0], all[1], all[2], all[3], all[4])
    }

    @Test func exactlyTheGrownCountsOfJobsKnownInBothRunsAreNew() async throws {
        var report = try await demo()
        let p = try pick(report)
        var before = report.records.compactMap(JobSnapshot.init)
        func id(_ i: Int) -> String { report.records[i].jobId ?? "" }
        func index(_ i: Int) throws -> Int { try #require(before.firstIndex { $0.jobId == id(i) }) }
        let now = { (i: Int) in report.records[i].findings! }
        // Yesterday: two fewer High; one fewer Medium and three fewer Low; more of everything
        // (archived since: not news); counts unknown yesterday; and counts unknown tonight.
        before[try index(p.high)].findings!.high -= 2
        before[try index(p.mixed)].findings!.medium -= 1
        before[try index(p.mixed)].findings!.low -= 1
        before[try index(p.shrunk)].findings = now(p.shrunk) + FindingCounts(high: 5, medium: 5, low: 5)
        before[try index(p.unknownThen)].findings = nil
        before[try index(p.unknownNow)].findings!.high -= 1
        report.records[p.unknownNow].findings = nil
        let changes = RunComparison.compare(report, with: yesterday(report, before))

        let high = now(p.high).high
        let medium = now(p.mixed).medium
        let low = now(p.mixed).low
        #expect(
            rows(changes) == [
                "\(id(p.high).prefix(6)) findingsHigh \(high - 2)→\(high) +2 2 new High findings",
                "\(id(p.mixed).prefix(6)) findingsMedium \(medium - 1)→\(medium) +1 1 new Medium finding",
                "\(id(p.mixed).prefix(6)) findingsLow \(low - 1)→\(low) +1 1 new Low finding",
            ])
        let items = changes.items.filter { $0.kind == .newFindings }
        #expect(items.map(\.severity) == [.high, .medium, .low])
        #expect(items.map(\.isAlarm) == [true, false, false], "only new High findings stand out")
        #expect(changes.hasAlarm(.newFindings) && !ChangeKind.newFindings.isAlarm)
        #expect(changes.findingsCompared && changes.countedKinds.last == .newFindings)
        #expect(
            changes.limits == [
                "2 jobs seen in both runs have their finding counts in only one run or neither (findings not read in their scope): their new findings are not told"
            ])
        // Nothing else changed: the other kinds are as without findings.
        #expect(changes.items.allSatisfy { $0.kind == .newFindings || $0.kind == .expiring })
    }

    @Test func theSameCountsTwiceTellNothingButStillCountZero() async throws {
        let report = try await demo()
        let changes = RunComparison.compare(report, with: yesterday(report, report.records.compactMap(JobSnapshot.init)))
        #expect(rows(changes).isEmpty && changes.limits.isEmpty)
        #expect(changes.countedKinds.contains(.newFindings) && changes.count(.newFindings) == 0)
    }

    @Test func aNewJobsFindingsAreAllNewAndNewHighFindingsLeadTheList() async throws {
        var report = try await demo()
        let p = try pick(report)
        var before = report.records.compactMap(JobSnapshot.init)
        let fresh = try #require(report.records[p.high].jobId)
        before.removeAll { $0.jobId == fresh }
        before[try #require(before.firstIndex { $0.jobId == report.records[p.mixed].jobId })].findings!.low -= 4
        let changes = RunComparison.compare(report, with: yesterday(report, before))
        let f = report.records[p.high].findings!
        let mixed = report.records[p.mixed]
        #expect(
            Set(rows(changes)) == [
                "\(fresh.prefix(6)) findingsHigh -→\(f.high) +\(f.high) \(f.high) new High findings (job first seen in this run)",
                "\(fresh.prefix(6)) findingsMedium -→\(f.medium) +\(f.medium) \(f.medium) new Medium findings (job first seen in this run)",
                "\(fresh.prefix(6)) findingsLow -→\(f.low) +\(f.low) \(f.low) new Low findings (job first seen in this run)",
                "\(mixed.jobId!.prefix(6)) findingsLow \(mixed.findings!.low - 4)→\(mixed.findings!.low) +4 4 new Low findings",
            ])
        // High before Medium before Low, whatever the region, account or name.
        let severities = changes.items.filter { $0.kind == .newFindings }.compactMap(\.severity)
        #expect(severities == [.high, .medium, .low, .low])
        #expect(changes.items.contains { $0.kind == .new && $0.jobId == fresh })
    }

    @Test func aPreviousRunWithoutCountsTellsOnlyNewJobsAndSaysWhy() async throws {
        let report = try await demo()
        var before = report.records.compactMap(JobSnapshot.init).map { job in
            var job = job
            job.findings = nil
            return job
        }
        let job = try #require(report.records.first { ($0.findings?.high ?? 0) > 0 })
        before.removeAll { $0.jobId == job.jobId }
        let changes = RunComparison.compare(report, with: yesterday(report, before))
        #expect(changes.items.filter { $0.kind == .newFindings }.allSatisfy { $0.jobId == job.jobId && $0.before == nil })
        #expect(changes.count(.newFindings) == FindingSeverity.allCases.filter { job.findings![$0] > 0 }.count)
        #expect(!changes.findingsCompared)
        #expect(
            changes.limits == [
                "the previous run has no finding counts (not read, or recorded before the history kept them): new findings are told only for new jobs"
            ])

        // Nothing told and nothing counted when neither run read any (`--no-findings` nightly).
        var unread = report
        for i in unread.records.indices { unread.records[i].findings = nil }
        let quiet = RunComparison.compare(unread, with: yesterday(report, before))
        #expect(quiet.count(.newFindings) == 0 && quiet.limits.isEmpty && !quiet.countedKinds.contains(.newFindings))
        #expect(
            RunComparison.compare(unread, with: yesterday(report, report.records.compactMap(JobSnapshot.init))).limits == [
                "this run read no finding counts: new findings are not told"
            ])
    }

    @Test func theTrendPointCarriesTheRunsTotalsOrNothing() async throws {
        var report = try await demo()
        let point = TrendPoint(report)
        #expect(point.findings == report.findingTotals && (point.findings?.total ?? 0) > 0)
        for i in report.records.indices { report.records[i].findings = nil }
        #expect(TrendPoint(report).findings == nil, "a run that read no counts has no point, not a zero")
    }

    @Test func aCarriedJobKeepsItsLastKnownCounts() async throws {
        let report = try await demo()
        let region = "eu-west-1"
        let previous = yesterday(report, report.records.compactMap(JobSnapshot.init))
        var partial = report
        partial.records.removeAll { $0.region == region }
        partial.gaps = [ScopeGap(region: region, reason: "access denied", listIsComplete: false)]
        let carried = RunSnapshot.carryForward(from: previous, into: partial, scope: "")
        let expected = report.records.filter { $0.region == region }.compactMap(JobSnapshot.init)
        #expect(carried.jobs.count == expected.count)
        #expect(
            Set(carried.jobs.map { "\($0.jobId) \(String(describing: $0.findings))" })
                == Set(expected.map { "\($0.jobId) \(String(describing: $0.findings))" }))
    }
}
