import Foundation
import JobFetch
import JobLogModel
import Macie2Model
import Testing

@testable import JobTransform

/// Buckets and accounts that newly fail or no longer fail, judged on a job whose last-run log
/// events two runs read; and nothing claimed where either run did not read them.
@Suite struct RunComparisonErrorTests {
    let asOf = ISO8601Timestamp.parse("2026-11-24T06:00:00Z")!

    /// A failing job; `errors` are (type, bucket or account) pairs, `nil` for "not looked up".
    func job(
        _ id: String, error: LastRunErrorStatusCode? = .error, _ errors: [(String, String)]?, wasRead: Bool = true,
        stoppedAfter: Int? = nil
    ) -> JobRecord {
        var record = JobRecord(
            accountId: "111122223333", region: "us-east-1", jobId: id, name: "job-\(id)", jobType: .scheduled,
            jobStatus: .idle, lastRunErrorStatus: error, lastRunTime: ISO8601Timestamp.parse("2026-11-23T02:00:00Z"))
        record.lastRunErrors = errors.map { pairs in
            JobLastRunErrors(
                events: pairs.map { type, name in
                    let eventType = JobEventType(rawValue: type)
                    return eventType.level() == .account
                        ? JobErrorEvent(eventType: eventType, level: .account, affectedAccount: name)
                        : JobErrorEvent(eventType: eventType, level: .bucket, affectedResource: name)
                }, wasRead: wasRead, stoppedAfter: stoppedAfter)
        }
        return record
    }

    func compare(_ before: [JobRecord], _ after: [JobRecord], sameRun: Bool = false) -> RunChanges {
        var builder = ReportBuilder(asOf: asOf, expiryWindowDays: 7)
        builder.add(ScopeBatch(region: "us-east-1", jobs: []))
        var model = builder.build()
        // Tonight's records are of the next run (a day later), unless a test says otherwise.
        model.records = after.map {
            var record = $0
            if sameRun == false { record.lastRunTime = record.lastRunTime?.addingTimeInterval(86_400) }
            return record
        }
        let previous = RunSnapshot(
            asOf: asOf.addingTimeInterval(-86_400), regions: ["us-east-1"], gaps: [],
            jobs: before.compactMap(JobSnapshot.init))
        return RunComparison.compare(model, with: previous)
    }

    /// `kind job subject: before→after` for each change.
    func lines(_ changes: RunChanges) -> [String] {
        changes.items.map {
            "\($0.kind.rawValue) \($0.jobId) \($0.bucket ?? $0.affectedAccount ?? "-") \($0.errorType ?? "-"): \($0.before ?? "-")→\($0.after ?? "-")"
        }
    }

    @Test func aBucketNewlyDeniedAndOneNoLongerFailingAreEachOneLine() throws {
        let before = [job("a", [("BUCKET_ACCESS_DENIED", "logs-old"), ("BUCKET_DETAILS_UNAVAILABLE", "data-1")])]
        let after = [
            job(
                "a",
                [
                    ("BUCKET_ACCESS_DENIED", "data-1"), ("BUCKET_DETAILS_UNAVAILABLE", "data-1"),
                    ("BUCKET_ACCESS_DENIED", "logs-new"), ("BUCKET_ACCESS_DENIED", "logs-new"),
                ])
        ]
        let changes = compare(before, after)
        #expect(
            lines(changes) == [
                "bucketNewlyFailing a data-1 BUCKET_ACCESS_DENIED: BUCKET_DETAILS_UNAVAILABLE→BUCKET_ACCESS_DENIED;BUCKET_DETAILS_UNAVAILABLE",
                "bucketNewlyFailing a logs-new BUCKET_ACCESS_DENIED: -→BUCKET_ACCESS_DENIED",
                "bucketNoLongerFailing a logs-old BUCKET_ACCESS_DENIED: BUCKET_ACCESS_DENIED→-",
            ])
        #expect(
            changes.items.map(\.headline) == [
                "bucket data-1 newly denied (BUCKET_ACCESS_DENIED)", "bucket logs-new newly denied (BUCKET_ACCESS_DENIED)",
                "bucket logs-old no longer failing (was BUCKET_ACCESS_DENIED)",
            ])
        #expect(changes.items[0].note.contains("AWSServiceRoleForAmazonMacie"))
        #expect(changes.items[2].note.hasPrefix("no error event of the last run (2026-11-24T02:00:00Z) names this bucket"))
        #expect(changes.items.allSatisfy { $0.field == "lastRunErrorTypes" && $0.name == "job-a" })
        #expect(changes.count(.newError) == 0 && changes.count(.recovered) == 0)
        #expect(changes.limits.isEmpty)
        #expect(changes.countedKinds.contains(.bucketNewlyFailing) && !changes.countedKinds.contains(.accountNewlyFailing))
    }

    @Test func accountLevelErrorsAreComparedPerAccount() {
        let before = [job("a", [("ACCOUNT_SUSPENDED", "444455556666")])]
        let after = [job("a", [("ACCOUNT_ACCESS_DENIED", "777788889999"), ("BUCKET_OWNER_CHANGED", "b")])]
        let changes = compare(before, after)
        #expect(
            lines(changes) == [
                "bucketNewlyFailing a b BUCKET_OWNER_CHANGED: -→BUCKET_OWNER_CHANGED",
                "accountNewlyFailing a 777788889999 ACCOUNT_ACCESS_DENIED: -→ACCOUNT_ACCESS_DENIED",
                "accountNoLongerFailing a 444455556666 ACCOUNT_SUSPENDED: ACCOUNT_SUSPENDED→-",
            ])
        #expect(changes.items[1].headline == "account 777788889999 newly denied (ACCOUNT_ACCESS_DENIED)")
        #expect(changes.items[0].headline == "bucket b newly owned by another account (BUCKET_OWNER_CHANGED)")
    }

    @Test func aRecoveredJobIsOneRecoveredLineAndNoBucketClaims() {
        // The job's events are looked up only while it fails: now they were not, so the
        // buckets it failed on are not claimed fixed; the job-level line says it recovered.
        let before = [job("a", [("BUCKET_ACCESS_DENIED", "logs")])]
        let after = [job("a", error: .noError, nil)]
        let changes = compare(before, after)
        #expect(lines(changes) == ["recovered a - -: ERROR→NONE"])
        #expect(changes.limits.isEmpty)
    }

    @Test func nothingIsClaimedWhenThePreviousRunReadNoLogs() {
        // Not looked up (a run before the history kept errors, or --no-job-logs), or not read.
        for previous in [job("a", nil), job("a", [], wasRead: false)] {
            let changes = compare([previous], [job("a", [("BUCKET_ACCESS_DENIED", "logs")])])
            #expect(lines(changes).isEmpty)
            #expect(changes.limits.isEmpty, "the previous run kept no errors at all: nothing to say")
        }
        // Nor when this run could not read them; then the history knew errors, so the limit says so.
        let changes = compare(
            [job("a", [("BUCKET_ACCESS_DENIED", "logs")]), job("b", [])],
            [job("a", [], wasRead: false), job("b", [])])
        #expect(lines(changes).isEmpty)
        #expect(
            changes.limits == [
                "1 job failing in both runs did not have its log events read whole in both: buckets and accounts newly failing or no longer failing may be missing for it"
            ])
    }

    @Test func eventsCutAtTheLimitShowOnlyWhatTheyCan() {
        let whole = job("a", [("BUCKET_ACCESS_DENIED", "x")])
        let cut = job("a", [("BUCKET_ACCESS_DENIED", "y")], stoppedAfter: 2_000)
        // Cut now: y is newly failing (it was not in the whole list before); x may be beyond the cut.
        #expect(lines(compare([whole], [cut])) == ["bucketNewlyFailing a y BUCKET_ACCESS_DENIED: -→BUCKET_ACCESS_DENIED"])
        // Cut before: x may have been beyond the cut then, so it is not new; y is gone from the whole list now.
        #expect(lines(compare([cut], [whole])) == ["bucketNoLongerFailing a y BUCKET_ACCESS_DENIED: BUCKET_ACCESS_DENIED→-"])
        #expect(compare([cut], [whole]).limits.count == 1)
    }

    @Test func theSameErrorsInBothRunsAreNoChange() {
        let same = job("a", [("BUCKET_ACCESS_DENIED", "x"), ("ACCOUNT_DISABLED", "444455556666")])
        let changes = compare([same], [same])
        #expect(changes.items.isEmpty)
        #expect(changes.limits.isEmpty)
    }

    @Test func eventsMissingFromTheSameRunAreLostNotFixed() {
        let before = [job("a", [("BUCKET_ACCESS_DENIED", "x"), ("BUCKET_ACCESS_DENIED", "y")])]
        let after = [job("a", [("BUCKET_ACCESS_DENIED", "x")])]
        #expect(lines(compare(before, after, sameRun: true)).isEmpty, "log retention, not a fix")
        #expect(
            lines(compare(before, after))
                == ["bucketNoLongerFailing a y BUCKET_ACCESS_DENIED: BUCKET_ACCESS_DENIED→-"])
    }
}
