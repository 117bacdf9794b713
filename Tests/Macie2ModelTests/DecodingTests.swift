import Foundation
import Macie2Model
import Testing

@Suite struct DecodingTests {
    let decoder = Macie2JSON.decoder()

    @Test func keepsUnknownEnumValuesVerbatim() throws {
        let json =
            #"{"jobId":"a","jobStatus":"ARCHIVED","jobType":"SCHEDULED","lastRunErrorStatus":{"code":"PARTIAL"},"managedDataIdentifierSelector":"ALL"}"#
        let job = try decoder.decode(DescribeClassificationJobResponse.self, from: Data(json.utf8))
        #expect(job.jobStatus?.rawValue == "ARCHIVED")
        #expect(job.jobStatus?.isKnown == false)
        #expect(job.jobType == .scheduled)
        #expect(job.jobType?.isKnown == true)
        #expect(job.lastRunErrorStatus?.code?.rawValue == "PARTIAL")
        #expect(job.managedDataIdentifierSelector?.isKnown == true)
    }

    @Test(arguments: ["1e300", "-1e300", "253402300800"])
    func epochSecondsNoReportCouldPrintAreRefused(_ seconds: String) {
        #expect(throws: DecodingError.self) {
            try decoder.decode(DescribeClassificationJobResponse.self, from: Data(#"{"lastRunTime":\#(seconds)}"#.utf8))
        }
    }

    @Test func epochSecondsWithinTheYears1To9999AreDates() throws {
        let job = try decoder.decode(DescribeClassificationJobResponse.self, from: Data(#"{"lastRunTime":1795154400.5}"#.utf8))
        #expect(job.lastRunTime.map(ISO8601Timestamp.formatPrecise) == "2026-11-20T06:00:00.500Z")
    }

    @Test func ignoresMembersTheModelDoesNotHave() throws {
        let json = #"{"jobId":"a","futureField":{"x":[1,2]},"statistics":{"numberOfRuns":3.0,"newStat":1}}"#
        let job = try decoder.decode(DescribeClassificationJobResponse.self, from: Data(json.utf8))
        #expect(job.jobId == "a")
        #expect(job.statistics?.numberOfRuns == 3)
    }

    @Test func decodesTheCurrentModelsNewerMembers() throws {
        let json = #"""
            {"allowListIds":["al-1"],"managedDataIdentifierSelector":"RECOMMENDED",
             "s3JobDefinition":{"bucketCriteria":{"includes":{"and":[{"simpleCriterion":
               {"comparator":"STARTS_WITH","key":"S3_BUCKET_NAME","values":["prod-"]}}]}}},
             "scheduleFrequency":{"weeklySchedule":{"dayOfWeek":"MONDAY"}},
             "userPausedDetails":{"jobPausedAt":"2026-11-01T00:00:00.000Z","jobExpiresAt":"2026-12-01T00:00:00Z"}}
            """#
        let job = try decoder.decode(DescribeClassificationJobResponse.self, from: Data(json.utf8))
        #expect(job.allowListIds == ["al-1"])
        let criterion = try #require(job.s3JobDefinition?.bucketCriteria?.includes?.and?.first?.simpleCriterion)
        #expect(criterion.comparator?.rawValue == "STARTS_WITH")
        #expect(criterion.comparator?.isKnown == true)
        #expect(job.scheduleFrequency?.weeklySchedule?.dayOfWeek?.rawValue == "MONDAY")
        #expect(job.userPausedDetails?.jobExpiresAt == ISO8601Timestamp.parse("2026-12-01T00:00:00Z"))
    }

    @Test func rejectsATimestampThatIsNotOne() {
        let json = #"{"createdAt":"last tuesday"}"#
        #expect(throws: DecodingError.self) {
            try decoder.decode(DescribeClassificationJobResponse.self, from: Data(json.utf8))
        }
    }

    @Test func encodesWhatItDecodes() throws {
        let json = #"{"createdAt":"2020-11-17T10:00:00.123Z","jobId":"a","jobStatus":"PAUSED","tags":{"k":"v"}}"#
        let job = try decoder.decode(DescribeClassificationJobResponse.self, from: Data(json.utf8))
        let again = try Macie2JSON.encoder().encode(job)
        #expect(String(decoding: again, as: UTF8.self) == json)
    }

    @Test func ordersKnownValuesAsTheModelDoes() {
        let statuses: [JobStatus] = [.init(rawValue: "ZZZ"), .userPaused, .running, .init(rawValue: "AAA"), .idle]
        #expect(statuses.sorted().map(\.rawValue) == ["RUNNING", "IDLE", "USER_PAUSED", "AAA", "ZZZ"])
    }
}
