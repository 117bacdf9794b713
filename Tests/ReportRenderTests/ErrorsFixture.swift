import Foundation
import JobFetch
import JobLogModel
import JobTransform
import Macie2Model
import TestSupport

/// A small report whose failed jobs carry their last run's log events: hostile bucket names,
/// an event type Macie's documentation does not list, a message that is not a Macie event, a
/// job Macie paused at its quota, and a job whose events could not be read (with its gap).
enum ErrorsFixture {
    static let account = "111122223333"
    static let region = "eu-west-1"
    static let asOf = ISO8601Timestamp.parse("2026-11-24T06:00:00Z")!
    static let runStart = ISO8601Timestamp.parse("2026-11-23T02:00:00Z")!

    /// Bucket names a spreadsheet would run, that break lines, reverse text, or go on and on.
    static let formulaBucket = "=cmd|' /C calc'!A0"
    static let newlineBucket = "two\r\nlines,\"quoted\""
    static let rtlBucket = "\u{202E}gpj.exe"
    static let longBucket = String(repeating: "b", count: 10_000)
    static let htmlBucket = "<img src=x onerror=alert(1)>"
    static let logsGapReason = "job log events: access denied: check logs:FilterLogEvents on /aws/macie/classificationjobs"

    static func report() -> ReportModel {
        var builder = ReportBuilder(asOf: asOf)
        let scope = Scope(accountId: account, region: region)
        builder.add(
            ScopeBatch(
                scope: scope,
                jobs: [
                    failedJob(), pausedJob(),
                    job("c-unread", "logs unreadable", status: .idle, error: true, logs: .unavailable),
                    job("d-fine", "never failed", status: .complete, error: false, logs: nil),
                ],
                logsGap: ScopeGap(scope: scope, reason: logsGapReason, listIsComplete: true)))
        return builder.build()
    }

    /// `a-failed`: three bucket errors, an account error, an unknown type, an unreadable
    /// message, and one event of an earlier run that must not be counted.
    static func failedJob() -> SourcedJob {
        let events = [
            event("BUCKET_ACCESS_DENIED", bucket: formulaBucket, operation: "ListObjectsV2", at: 1),
            event("BUCKET_ACCESS_DENIED", bucket: newlineBucket, operation: "GetBucketPolicy", at: 2),
            event("BUCKET_ACCESS_DENIED", bucket: rtlBucket, at: 3),
            event("ACCOUNT_ACCESS_DENIED", account: "444455556666", at: 4),
            event("BUCKET_FROZEN_BY_NEW_RULE", bucket: longBucket, at: 5),
            event("BUCKET_DOES_NOT_EXIST", bucket: htmlBucket, at: 6),
            FilteredLogEvent(timestamp: stamp(7), message: "not json: <b>raw</b>"),
            event("BUCKET_DOES_NOT_EXIST", bucket: "old-run-bucket", runDate: "2026-11-20T02:00:00.000000Z", at: 8),
        ]
        return job("a-failed", "=HYPERLINK(\"http://evil.example\")", status: .idle, error: true, logs: JobLogs(events: events))
    }

    static func pausedJob() -> SourcedJob {
        let pause = event(
            "JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET", description: "The job was paused because the monthly quota was met.",
            at: 9)
        return job("b-paused", "paused at quota", status: .paused, error: false, logs: JobLogs(events: [pause]))
    }

    static func job(_ id: String, _ name: String, status: JobStatus, error: Bool, logs: JobLogs?) -> SourcedJob {
        SourcedJob(
            job: DescribeClassificationJobResponse(
                createdAt: runStart.addingTimeInterval(-86_400),
                jobArn: "arn:aws:macie2:\(region):\(account):classification-job/\(id)",
                jobId: id, jobStatus: status, jobType: .oneTime, lastRunErrorStatus: .init(code: error ? .error : .none),
                lastRunTime: runStart, name: name),
            logs: logs)
    }

    static func stamp(_ minutes: Int) -> Int64 { Int64(runStart.timeIntervalSince1970 * 1000) + Int64(minutes) * 60_000 }

    /// A Macie job event, its message made by a JSON encoder as Macie's would be.
    static func event(
        _ type: String, bucket: String? = nil, account: String? = nil, operation: String? = nil, description: String? = nil,
        runDate: String = "2026-11-23T02:00:00.123456Z", at minutes: Int
    ) -> FilteredLogEvent {
        var object: [String: Any] = [
            "adminAccountId": Self.account, "eventType": type, "runDate": runDate,
            "occurredAt": "2026-11-23T02:0\(minutes):00.000001Z", "description": description ?? "\(type) happened",
        ]
        if let bucket {
            object["affectedResource"] = ["type": "S3_BUCKET_NAME", "value": bucket]
            object["affectedAccount"] = account ?? "555566667777"
        } else if let account {
            object["affectedAccount"] = account
        }
        if let operation { object["operation"] = operation }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return FilteredLogEvent(
            logStreamName: "stream", timestamp: stamp(minutes), message: String(decoding: data, as: UTF8.self))
    }
}
