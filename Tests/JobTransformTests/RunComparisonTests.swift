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

    func report(_ records: [JobRecord], regions: [String] = ["us-east-1", "eu-west-1"], gaps: [RegionGap] = []) -> ReportModel {
        var builder = ReportBuilder(asOf: asOf, expiryWindowDays: 7)
        for region in regions {
            builder.add(
                RegionBatch(
                    region: region, jobs: [], gap: gaps.first { $0.region == region }))
        }
        var model = builder.build()
        model.records = records
        model.attention = records.compactMap { AttentionItem($0, asOf: asOf, expiryWindowDays: 7) }
        return model
    }

    func previous(_ records: [JobRecord], regions: [String] = ["us-east-1", "eu-west-1"], gaps: [RegionGap] = []) -> RunSnapshot {
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
        let gap = RegionGap(region: "eu-west-1", reason: "access denied")
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
        let gap = RegionGap(region: "eu-west-1", reason: "2 job(s) could not be described", listIsComplete: true)
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
                gaps: [RegionGap(region: "us-east-1", reason: "throttled")]))
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
}
