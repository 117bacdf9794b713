import Foundation
import JobFetch
import JobLogModel
import Macie2Model
import Testing

@testable import JobTransform

/// Which log events explain a job's last run, and how they add up: the run's errors only,
/// the newest status reason, unknown types kept and flagged, unreadable messages kept raw.
@Suite struct JobLastRunErrorsTests {
    static let runStart = ISO8601Timestamp.parse("2026-11-20T06:00:00.000000Z")!

    static func event(_ n: Int64, _ json: String) -> FilteredLogEvent {
        FilteredLogEvent(logStreamName: "j", timestamp: 1_795_154_400_000 + n, message: json, eventId: "\(n)")
    }

    static func bucket(_ n: Int64, _ type: String, _ bucket: String, runDate: String = "2026-11-20T06:00:00.123456Z")
        -> FilteredLogEvent
    {
        event(
            n,
            #"{"eventType":"\#(type)","runDate":"\#(runDate)","operation":"ListObjectsV2","affectedAccount":"444455556666","affectedResource":{"type":"S3_BUCKET_NAME","value":"\#(bucket)"}}"#
        )
    }

    static let events: [FilteredLogEvent] = [
        event(0, #"{"eventType":"SCHEDULED_RUN_STARTED","runDate":"2026-11-20T06:00:00.123456Z"}"#),
        bucket(1, "BUCKET_ACCESS_DENIED", "old", runDate: "2026-11-13T06:00:00.000000Z"),
        bucket(2, "BUCKET_ACCESS_DENIED", "b"),
        bucket(3, "BUCKET_ACCESS_DENIED", "a"),
        bucket(4, "BUCKET_ACCESS_DENIED", "a"),
        event(5, #"{"eventType":"ACCOUNT_SUSPENDED","affectedAccount":"777788889999","description":"suspended"}"#),
        event(6, #"{"eventType":"BUCKET_KMS_KEY_GONE","affectedResource":{"type":"S3_BUCKET_NAME","value":"k"}}"#),
        event(7, "not json at all"),
        event(8, #"{"jobId":"no type"}"#),
        event(9, #"{"eventType":"JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET","description":"first"}"#),
        event(10, #"{"eventType":"JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET","description":"quota met again"}"#),
        event(11, #"{"eventType":"JOB_CANCELLED","description":"cancelled"}"#),
    ]

    @Test func theLastRunsErrorsAreKeptAndEverythingElseExplained() {
        let kept = JobErrorEvent.selected(from: Self.events, runStart: Self.runStart, jobIsPaused: true, jobIsCancelled: false)
        #expect(kept.map(\.eventType.rawValue) == [
            "BUCKET_ACCESS_DENIED", "BUCKET_ACCESS_DENIED", "BUCKET_ACCESS_DENIED", "ACCOUNT_SUSPENDED", "BUCKET_KMS_KEY_GONE",
            "", "", "JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET",
        ])
        #expect(kept.map(\.level) == [.bucket, .bucket, .bucket, .account, .bucket, .unparsed, .unparsed, .status])
        #expect(kept[5].description == "not json at all" && kept[6].description == #"{"jobId":"no type"}"#)
        #expect(kept.last?.description == "quota met again", "only the newest status reason")
        #expect(kept[0].operation == "ListObjectsV2" && kept[0].affectedResourceType == "S3_BUCKET_NAME")
        #expect(!kept.contains { $0.affectedResource == "old" }, "an earlier run's error is not this run's")
    }

    @Test func eventsAreTakenInTheOrderLoggedAndAResumeEndsAQuotaPause() {
        let shuffled = [Self.events[3], Self.events[9], Self.events[2]]
        let kept = JobErrorEvent.selected(from: shuffled, runStart: Self.runStart, jobIsPaused: true, jobIsCancelled: false)
        #expect(kept.map(\.affectedResource) == ["b", "a", nil])
        let resumed = [
            Self.event(1, #"{"eventType":"JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET"}"#),
            Self.event(2, #"{"eventType":"JOB_RESUMED_BY_MACIE_SERVICE_QUOTA_LIFTED"}"#),
        ]
        #expect(JobErrorEvent.selected(from: resumed, runStart: Self.runStart, jobIsPaused: true, jobIsCancelled: false).isEmpty)
    }

    @Test func withoutARunStartOnlyTheStatusReasonCanBeTrusted() {
        let kept = JobErrorEvent.selected(from: Self.events, runStart: nil, jobIsPaused: false, jobIsCancelled: true)
        #expect(kept.map(\.eventType.rawValue) == ["JOB_CANCELLED"])
    }

    @Test func typesCountEventsAndNameWhatTheyHit() {
        let errors = JobLastRunErrors(
            events: JobErrorEvent.selected(from: Self.events, runStart: Self.runStart, jobIsPaused: true, jobIsCancelled: false))
        #expect(
            errors.typesText
                == "BUCKET_ACCESS_DENIED:3;ACCOUNT_SUSPENDED:1;JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET:1;BUCKET_KMS_KEY_GONE:1")
        #expect(errors.affectedBuckets == ["a", "b", "k"])
        #expect(errors.affectedAccounts == ["444455556666", "777788889999"])
        #expect(errors.unparsedEvents == 2)
        #expect(
            errors.why(names: 1)
                == "BUCKET_ACCESS_DENIED on 2 buckets: a and 1 more; ACCOUNT_SUSPENDED on 1 account: 777788889999; JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET: quota met again; BUCKET_KMS_KEY_GONE on 1 bucket: k; 2 log events not readable as Macie events"
        )
    }

    @Test func aRecordFlagsUnknownTypesUnreadableMessagesAndAStoppedRead() throws {
        let job = DescribeClassificationJobResponse(
            jobId: "j", jobStatus: .cancelled, lastRunErrorStatus: .init(code: .error), lastRunTime: Self.runStart)
        let record = JobRecord(
            SourcedJob(job: job, logs: JobLogs(events: Self.events, stoppedAfter: 12)), scope: Scope(region: "us-east-1"))
        let errors = try #require(record.lastRunErrors)
        #expect(errors.types.contains { $0.type.rawValue == "JOB_CANCELLED" })
        #expect(!errors.types.contains { $0.type.rawValue == "JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET" })
        #expect(record.caveats.contains("log eventType \"BUCKET_KMS_KEY_GONE\" is not in Macie's documentation; shown as sent"))
        #expect(record.caveats.contains("2 log events could not be read as Macie job events; kept raw in errors.csv"))
        #expect(record.caveats.contains("reading its log events stopped after 12 events; more may follow"))
    }

    @Test func nothingLookedUpNothingReadAndNothingFoundAreThreeDifferentThings() {
        let job = DescribeClassificationJobResponse(jobId: "j", lastRunErrorStatus: .init(code: .error))
        #expect(JobRecord(SourcedJob(job: job), scope: Scope(region: "r")).lastRunErrors == nil)
        let unread = JobRecord(SourcedJob(job: job, logs: .unavailable), scope: Scope(region: "r")).lastRunErrors
        #expect(unread?.wasRead == false && unread?.why() == "its log events could not be read (see the gaps)")
        let empty = JobRecord(SourcedJob(job: job, logs: JobLogs(events: [])), scope: Scope(region: "r")).lastRunErrors
        #expect(empty?.wasRead == true && empty?.why() == "no error events in its last run's log events")
    }

    @Test func theSummaryCountsJobsPerTypeWithEveryDocumentedErrorListed() {
        let records = [Self.events, Self.events.prefix(3).map { $0 }].map { events in
            JobRecord(
                SourcedJob(
                    job: DescribeClassificationJobResponse(
                        jobId: "j", lastRunErrorStatus: .init(code: .error), lastRunTime: Self.runStart),
                    logs: JobLogs(events: events)),
                scope: Scope(region: "r"))
        }
        let summaries = JobSummaries(records)
        #expect(summaries.count(.lastRunErrorType, "BUCKET_ACCESS_DENIED") == 2)
        #expect(summaries.count(.lastRunErrorType, "ACCOUNT_SUSPENDED") == 1)
        let rows = summaries.rows(for: .lastRunErrorType)
        #expect(rows.first?.value == "ACCOUNT_ACCESS_DENIED" && rows.first?.jobs == 0)
        #expect(rows.last?.value == "BUCKET_KMS_KEY_GONE" && rows.last?.isKnownValue == false)
        #expect(!rows.contains { $0.value == "SCHEDULED_RUN_STARTED" })
    }
}
