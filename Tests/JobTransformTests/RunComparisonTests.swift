import Foundation
import JobFetch
import Macie2Model
import Testing

@testable import JobTransform

/// Changes between two runs, judged on small hand-made runs where the answer is obvious.
@Suite struct RunComparisonTests {
    let asOf = ISO8601Timestamp.parse("2026-11-24T06:00:00Z")!

    func record(
        _ id: String, _ region: String = "us-east-1", status: JobStatus? = .running, error: LastRunErrorStatusCode? = .noError,
        expires: Date? = nil
    ) -> JobRecord {
        JobRecord(
            accountId: "111122223333", region: region, jobId: id, name: "job-\(id)", jobType: .scheduled, jobStatus: status,
            lastRunErrorStatus: error, jobExpiresAt: expires)
    }

    func report(_ records: [JobRecord], regions: [String] = ["us-east-1", "eu-west-1"], gaps: [ScopeGap] = []) -> ReportModel {
        var builder = ReportBuilder(asOf: asOf, expiryWindowDays: 7)
        for region in regions {
            builder.add(
                ScopeBatch(
                    region: region, jobs: [], gap: gaps.first { $0.region == region }))
        }
        var model = builder.build()
        model.records = records
        model.attention = records.compactMap { AttentionItem($0, asOf: asOf, expiryWindowDays: 7) }
        return model
    }

    func previous(_ records: [JobRecord], regions: [String] = ["us-east-1", "eu-west-1"], gaps: [ScopeGap] = []) -> RunSnapshot {
        RunSnapshot(
            asOf: asOf.addingTimeInterval(-86_400), regions: regions, gaps: gaps, jobs: records.compactMap(JobSnapshot.init))
    }

    func summary(_ changes: RunChanges) -> [String] {
        changes.items.map { "\($0.kind.rawValue) \($0.jobId) \($0.before ?? "-")→\($0.after ?? "-")" }
    }

    @Test func theFirstRunHasNothingToCompareWithButStillListsExpiringJobs() {
        let expiring = record("e", status: .userPaused, expires: asOf.addingTimeInterval(2.5 * 86_400))
        let changes = RunComparison.compare(report([record("a"), expiring]), with: nil)
        #expect(changes.isFirstRun)
        #expect(summary(changes) == ["expiring e -→2026-11-26T18:00:00Z"])
        #expect(changes.items[0].daysLeft == 2)
    }

    @Test func everyKindOfChangeIsFoundOncePerJob() {
        let before = [
            record("same"), record("paused", status: .running), record("fails", error: .noError),
            record("heals", error: .error), record("gone", status: .idle),
        ]
        let after = [
            record("same"), record("paused", status: .paused), record("fails", error: .error), record("heals", error: .noError),
            record("fresh", status: .running, error: .error),
        ]
        let changes = RunComparison.compare(report(after), with: previous(before))
        #expect(
            summary(changes) == [
                "newError fails NONE→ERROR", "newError fresh -→ERROR", "statusChanged paused RUNNING→PAUSED",
                "new fresh -→RUNNING", "removed gone IDLE→-", "recovered heals ERROR→NONE",
            ])
        #expect(changes.limits.isEmpty)
        #expect(changes.items.first { $0.kind == .statusChanged }?.note.contains("quota") == true)
        #expect(changes.count(.newError) == 2)
    }

    @Test func jobsAreToldApartByRegionAndId() {
        let changes = RunComparison.compare(
            report([record("x", "eu-west-1")]), with: previous([record("x", "us-east-1")]))
        #expect(summary(changes) == ["new x -→RUNNING", "removed x RUNNING→-"])
    }

    @Test func aRegionThatFailedNowIsNotCountedAsRemovedButItsJobsAreStillCompared() {
        let gap = ScopeGap(region: "eu-west-1", reason: "access denied")
        let before = [record("kept", "eu-west-1", status: .running), record("unseen", "eu-west-1")]
        let now = [record("kept", "eu-west-1", status: .paused)]
        let changes = RunComparison.compare(report(now, gaps: [gap]), with: previous(before))
        #expect(summary(changes) == ["statusChanged kept RUNNING→PAUSED"])
        #expect(
            changes.limits == [
                "eu-west-1 could not be read completely in this run: jobs missing there are not counted as removed"
            ])
    }

    @Test func aGapOnlyInDescribingStillAllowsNewAndRemoved() {
        let gap = ScopeGap(region: "eu-west-1", reason: "2 job(s) could not be described", listIsComplete: true)
        let changes = RunComparison.compare(
            report([record("new", "eu-west-1")], gaps: [gap]), with: previous([record("old", "eu-west-1")]))
        #expect(summary(changes) == ["new new -→RUNNING", "removed old RUNNING→-"])
        #expect(changes.limits.isEmpty)
    }

    @Test func regionsReadByOnlyOneRunAreNotComparedAndSaySo() {
        let changes = RunComparison.compare(
            report([record("a"), record("b", "ap-south-1")], regions: ["us-east-1", "ap-south-1"]),
            with: previous(
                [record("a"), record("c", "eu-west-1")], regions: ["us-east-1", "eu-west-1"],
                gaps: [ScopeGap(region: "us-east-1", reason: "throttled")]))
        #expect(summary(changes).isEmpty)
        #expect(
            changes.limits == [
                "ap-south-1 was not read in the previous run: its jobs are not counted as new",
                "eu-west-1 was not read in this run: its jobs are not counted as removed",
                "us-east-1 was incomplete in the previous run: jobs found there now are not counted as new",
            ])
    }

    @Test func unknownStatusesAreComparedVerbatimAndJobsWithoutIdsAreSkipped() {
        var odd = record("odd")
        odd.jobStatus = JobStatus(rawValue: "ARCHIVED")
        var anonymous = record("x")
        anonymous.jobId = nil
        let changes = RunComparison.compare(report([odd, anonymous]), with: previous([record("odd")]))
        #expect(summary(changes) == ["statusChanged odd RUNNING→ARCHIVED"])
    }

    /// The snapshot the history keeps of `report`: its jobs plus what it carries forward.
    func recorded(_ report: ReportModel, after previous: RunSnapshot?, scope: String = "") -> RunSnapshot {
        let carried = RunSnapshot.carryForward(from: previous, into: report, scope: scope)
        let own = report.records.compactMap(JobSnapshot.init)
        return RunSnapshot(
            asOf: report.asOf, scopes: report.scopes, gaps: report.gaps, knownScopes: carried.knownScopes, scope: scope,
            jobs: Dictionary((own + carried.jobs).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    @Test func changesWhileARegionFailsAreReportedTheFirstNightItReadsAgain() {
        let night1 = previous([record("a"), record("b", status: .running), record("c")])
        let gap = ScopeGap(region: "us-east-1", reason: "throttled")
        // Night 2: the list breaks off after a; b and c are not seen; d is new and seen.
        let report2 = report([record("a"), record("d")], gaps: [gap])
        let changes2 = RunComparison.compare(report2, with: night1)
        #expect(summary(changes2) == ["new d -→RUNNING"], "the previous list was complete, so d is new")
        let night2 = recorded(report2, after: night1)
        #expect(night2.knownScopes.matches(Scope(region: "us-east-1")))
        #expect(night2.jobs.count == 4)
        #expect(night2.jobs[.init(region: "us-east-1", jobId: "b")]?.caveats?.hasPrefix("not seen in this run") == true)
        // Night 3 reads everything: b was paused and c deleted while the region was failing; e is new.
        let changes3 = RunComparison.compare(
            report([record("a"), record("b", status: .paused), record("d"), record("e")]), with: night2)
        #expect(summary(changes3) == ["statusChanged b RUNNING→PAUSED", "new e -→RUNNING", "removed c RUNNING→-"])
        #expect(changes3.limits.isEmpty)
    }

    @Test func aRegionNeverListedCompletelyIsNotKnownAndItsJobsAreNotNew() {
        let gap = ScopeGap(region: "eu-west-1", reason: "access denied")
        let night1 = recorded(report([record("a")], gaps: [gap]), after: nil)
        #expect(night1.knownScopes.scopes == [Scope(region: "us-east-1")])
        let changes = RunComparison.compare(report([record("a"), record("x", "eu-west-1")]), with: night1)
        #expect(summary(changes).isEmpty)
        #expect(changes.limits == ["eu-west-1 was incomplete in the previous run: jobs found there now are not counted as new"])
    }

    @Test func runsWithDifferentFiltersAreNotComparedForNewOrRemoved() {
        let before = previous([record("a", status: .running), record("filtered-out")])
        let changes = RunComparison.compare(
            report([record("a", status: .paused), record("b")]), with: before, scope: "include jobStatus EQ RUNNING")
        #expect(summary(changes) == ["statusChanged a RUNNING→PAUSED"])
        #expect(
            changes.limits == [
                "the previous run covered different jobs (filters none, now include jobStatus EQ RUNNING): new and removed jobs are not counted"
            ])
        let carried = RunSnapshot.carryForward(from: before, into: report([]), scope: "include jobStatus EQ RUNNING")
        #expect(carried.jobs.isEmpty)
    }

    @Test func aRepeatedJobIsComparedOnce() {
        let changes = RunComparison.compare(
            report([record("a", status: .paused), record("a", status: .paused)]), with: previous([record("a")]))
        #expect(summary(changes) == ["statusChanged a RUNNING→PAUSED"])
    }
}
