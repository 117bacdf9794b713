import Foundation
import JobTransform
import Macie2Model
import Testing

@Suite struct JobRecordTests {
    let created = ISO8601Timestamp.parse("2026-01-02T03:04:05Z")!

    @Test func flattensADescribedJob() {
        let job = DescribeClassificationJobResponse(
            createdAt: created, description: "d", jobArn: "arn:aws:macie2:eu-west-1:123456789012:classification-job/abc",
            jobId: "abc", jobStatus: .idle, jobType: .scheduled, lastRunErrorStatus: .init(code: .error),
            managedDataIdentifierSelector: .init(rawValue: "RECOMMENDED"), name: "n",
            s3JobDefinition: .init(bucketDefinitions: [
                .init(accountId: "111111111111", buckets: ["a", "b"]), .init(accountId: "222222222222", buckets: ["c"]),
                .init(accountId: "111111111111", buckets: ["d"]),
            ]),
            samplingPercentage: 40, scheduleFrequency: .init(weeklySchedule: .init(dayOfWeek: .init(rawValue: "MONDAY"))),
            statistics: .init(approximateNumberOfObjectsToProcess: 12.5, numberOfRuns: 3), tags: ["k": "v"])
        let record = JobRecord(job, region: "eu-west-1")
        #expect(record.accountId == "123456789012")
        #expect(record.schedule == "WEEKLY MONDAY")
        #expect(record.bucketCount == 4)
        #expect(record.bucketAccounts == ["111111111111", "222222222222"])
        #expect(record.bucketCriteria == nil)
        #expect(record.lastRunErrorStatus == .error)
        #expect(record.numberOfRuns == 3)
        #expect(record.caveats.isEmpty)
    }

    @Test func describesSchedulesAndCriteria() {
        let job = DescribeClassificationJobResponse(
            s3JobDefinition: .init(
                bucketCriteria: .init(
                    excludes: .init(and: [
                        .init(
                            tagCriterion: .init(comparator: .init(rawValue: "EQ"), tagValues: [.init(key: "env", value: "test")]))
                    ]),
                    includes: .init(and: [
                        .init(
                            simpleCriterion: .init(
                                comparator: .init(rawValue: "STARTS_WITH"), key: .init(rawValue: "S3_BUCKET_NAME"),
                                values: ["prod-", "data-"]))
                    ]))),
            scheduleFrequency: .init(monthlySchedule: .init(dayOfMonth: 15)))
        let record = JobRecord(job, region: "us-east-1")
        #expect(record.schedule == "MONTHLY 15")
        #expect(record.bucketCount == nil)
        #expect(record.bucketCriteria == "include S3_BUCKET_NAME STARTS_WITH prod-|data-; exclude tag EQ env=test")
        #expect(JobRecord(.init(scheduleFrequency: .init(dailySchedule: .init())), region: "x").schedule == "DAILY")
    }

    @Test func flagsWhatItCannotTrust() {
        let noArn = JobRecord(.init(jobId: "a"), region: "us-east-1")
        #expect(noArn.accountId == nil)
        #expect(noArn.caveats == ["no jobArn, so the account is unknown"])
        let badArn = JobRecord(.init(jobArn: "not-an-arn"), region: "us-east-1")
        #expect(badArn.caveats == ["jobArn is not a Macie2 job ARN, so the account is unknown"])
        let elsewhere = JobRecord(.init(jobArn: "arn:aws:macie2:eu-west-1:1:classification-job/a"), region: "us-east-1")
        #expect(elsewhere.accountId == "1")
        #expect(elsewhere.caveats == ["jobArn names region eu-west-1 but the job was found in us-east-1"])
        let future = JobRecord(
            .init(jobArn: "arn:aws:macie2:us-east-1:1:classification-job/a", jobType: .init(rawValue: "CONTINUOUS")),
            region: "us-east-1", caveats: ["from source"])
        #expect(future.caveats == ["from source", #"jobType "CONTINUOUS" is not in the Macie2 model; shown as sent"#])
    }

    @Test func countsAbsentValuesAsNone() {
        let records = [
            JobRecord(region: "r1", jobStatus: .running), JobRecord(region: "r1"),
            JobRecord(region: "r2", jobStatus: .init(rawValue: "NEW"), lastRunErrorStatus: .noError),
        ]
        let summaries = JobSummaries(records)
        #expect(
            summaries.rows(for: .jobStatus).map(\.value) == [
                "RUNNING", "PAUSED", "CANCELLED", "COMPLETE", "IDLE", "USER_PAUSED", "NEW", "(none)",
            ])
        #expect(summaries.count(.jobStatus, "(none)") == 1)
        #expect(summaries.count(.jobStatus, "NEW") == 1)
        #expect(summaries.count(.lastRunErrorStatus, "(none)") == 2)
        #expect(summaries.count(.lastRunErrorStatus, "ERROR") == 0)
        #expect(summaries.count(.accountId, "(none)") == 3)
        let tab = StatusTypeCrossTab(records)
        #expect(tab.types == ["ONE_TIME", "SCHEDULED", "(none)"])
        #expect(tab.statuses.last == "(none)")
        #expect(tab.total == 3)
    }
}
