import Foundation
import JobTransform
import ReportRender
import TestSupport
import Testing

/// errors.csv, jobs.csv's last-run error columns and summary.csv's lastRunErrorType rows.
@Suite struct ErrorsCSVTests {
    typealias F = ErrorsFixture

    @Test func errorsCSVIsOneGuardedRowPerEventInJobOrder() throws {
        let text = try RenderFixture.renderText(ErrorsCSVRenderer(), F.report())
        let job = "111122223333,eu-west-1,a-failed,\"'=HYPERLINK(\"\"http://evil.example\"\")\",2026-11-23T02:00:00.123456Z"
        let expected = [
            "accountId,region,jobId,jobName,runDate,occurredAt,eventType,errorLevel,affectedAccount,affectedResourceType,affectedResource,operation,description",
            "\(job),2026-11-23T02:01:00.000001Z,BUCKET_ACCESS_DENIED,bucket,555566667777,S3_BUCKET_NAME,'=cmd|' /C calc'!A0,ListObjectsV2,BUCKET_ACCESS_DENIED happened",
            "\(job),2026-11-23T02:02:00.000001Z,BUCKET_ACCESS_DENIED,bucket,555566667777,S3_BUCKET_NAME,\"two\r\nlines,\"\"quoted\"\"\",GetBucketPolicy,BUCKET_ACCESS_DENIED happened",
            "\(job),2026-11-23T02:03:00.000001Z,BUCKET_ACCESS_DENIED,bucket,555566667777,S3_BUCKET_NAME,\u{202E}gpj.exe,,BUCKET_ACCESS_DENIED happened",
            "\(job),2026-11-23T02:04:00.000001Z,ACCOUNT_ACCESS_DENIED,account,444455556666,,,,ACCOUNT_ACCESS_DENIED happened",
            "\(job),2026-11-23T02:05:00.000001Z,BUCKET_FROZEN_BY_NEW_RULE,bucket,555566667777,S3_BUCKET_NAME,\(F.longBucket),,BUCKET_FROZEN_BY_NEW_RULE happened",
            "\(job),2026-11-23T02:06:00.000001Z,BUCKET_DOES_NOT_EXIST,bucket,555566667777,S3_BUCKET_NAME,<img src=x onerror=alert(1)>,,BUCKET_DOES_NOT_EXIST happened",
            "111122223333,eu-west-1,a-failed,\"'=HYPERLINK(\"\"http://evil.example\"\")\",,,,unparsed,,,,,not json: <b>raw</b>",
            "111122223333,eu-west-1,b-paused,paused at quota,2026-11-23T02:00:00.123456Z,2026-11-23T02:09:00.000001Z,JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET,status,,,,,The job was paused because the monthly quota was met.",
        ]
        // The event of an earlier run (old-run-bucket) is not this run's; the unreadable
        // job and the job that never failed have no rows.
        #expect(text == expected.joined(separator: "\r\n") + "\r\n")
    }

    @Test func errorsCSVReadsBackAsTheEventsWhenUnguarded() throws {
        let report = F.report()
        let rows = try CSVReader.parse(
            try RenderFixture.renderText(ErrorsCSVRenderer(format: CSVFormat(formulaGuard: false)), report))
        #expect(rows.first == ErrorColumn.all.map(\.name))
        let events = report.records.flatMap { record in (record.lastRunErrors?.events ?? []).map { (record, $0) } }
        #expect(rows.count == events.count + 1 && events.count == 8)
        for (row, (record, event)) in zip(rows.dropFirst(), events) {
            #expect(row[3] == record.name && row[6] == event.eventType.rawValue)
            #expect(row[10] == event.affectedResource ?? "")
        }
        #expect(rows[1][10] == F.formulaBucket && rows[2][10] == F.newlineBucket && rows[5][10].count == 10_000)
    }

    @Test func errorsCSVIsTheHeaderAloneWithoutErrors() async throws {
        let text = try RenderFixture.renderText(ErrorsCSVRenderer(), try await RenderFixture.demo(jobLogs: false))
        #expect(
            text
                == "accountId,region,jobId,jobName,runDate,occurredAt,eventType,errorLevel,affectedAccount,affectedResourceType,affectedResource,operation,description\r\n"
        )
    }

    @Test func jobsCSVKeepsTheLastRunErrorColumnsInPlace() throws {
        let rows = try CSVReader.parse(try RenderFixture.renderText(JobsCSVRenderer(), F.report()))
        // Columns 23 to 26 (the findings columns come after them, empty here: no counts read).
        #expect(
            Array(rows[0][22...25]) == ["caveats", "lastRunErrorTypes", "lastRunAffectedAccounts", "lastRunAffectedBuckets"])
        #expect(rows.dropFirst().allSatisfy { $0.suffix(4) == ["", "", "", ""] })
        let byId = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[2], Array($0[23...25])) })
        #expect(
            byId["a-failed"]
                == [
                    "BUCKET_ACCESS_DENIED:3;ACCOUNT_ACCESS_DENIED:1;BUCKET_DOES_NOT_EXIST:1;BUCKET_FROZEN_BY_NEW_RULE:1", "2",
                    "5",
                ])
        #expect(byId["b-paused"] == ["JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET:1", "0", "0"])
        // Unreadable events and events never looked up are unknown, not zero.
        #expect(byId["c-unread"] == ["", "", ""])
        #expect(byId["d-fine"] == ["", "", ""])
        #expect(rows.dropFirst().map { $0[2] } == ["a-failed", "c-unread", "d-fine", "b-paused"])
    }

    @Test func summaryCSVCountsJobsPerErrorType() throws {
        let text = try RenderFixture.renderText(SummaryCSVRenderer(), F.report())
        let rows = try CSVReader.parse(text).filter { $0[0] == "lastRunErrorType" }
        #expect(rows.count == 15, "the 14 documented types, then the unknown one")
        #expect(rows.first == ["lastRunErrorType", "ACCOUNT_ACCESS_DENIED", "1"])
        #expect(rows.last == ["lastRunErrorType", "BUCKET_FROZEN_BY_NEW_RULE", "1"])
        let counted = Dictionary(uniqueKeysWithValues: rows.map { ($0[1], $0[2]) })
        #expect(counted["BUCKET_ACCESS_DENIED"] == "1" && counted["BUCKET_DOES_NOT_EXIST"] == "1")
        #expect(counted["JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET"] == "1" && counted["JOB_CANCELLED"] == "0")
        #expect(text.contains("\r\naccountId,111122223333,4\r\nlastRunErrorType,ACCOUNT_ACCESS_DENIED,1\r\n"))
    }
}
