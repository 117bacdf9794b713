import Foundation
import Macie2Model
import Testing

/// The GetFindingStatistics shapes read and write the bodies the API and boto3 use.
@Suite struct GetFindingStatisticsTests {
    @Test func encodesTheRequestAsTheAPIExpects() throws {
        let request = GetFindingStatisticsRequest(
            findingCriteria: FindingCriteria(criterion: [
                "severity.description": CriterionAdditionalProperties(eq: ["High"]),
                "archived": CriterionAdditionalProperties(eq: ["false"]),
            ]),
            groupBy: .jobId, size: 25,
            sortCriteria: FindingStatisticsSortCriteria(attributeName: .count, orderBy: OrderBy(rawValue: "DESC")))
        let json = String(decoding: try Macie2JSON.encoder().encode(request), as: UTF8.self)
        #expect(
            json
                == #"{"findingCriteria":{"criterion":{"archived":{"eq":["false"]},"severity.description":{"eq":["High"]}}},"groupBy":"classificationDetails.jobId","size":25,"sortCriteria":{"attributeName":"count","orderBy":"DESC"}}"#
        )
        #expect(try Macie2JSON.decoder().decode(GetFindingStatisticsRequest.self, from: Data(json.utf8)) == request)
    }

    @Test func decodesTheResponseKeepingLongCountsAndUnknownMembers() throws {
        let body = #"{"countsByGroup":[{"count":4294967296,"groupKey":"job-1"},{"groupKey":"job-2","count":0,"extra":1}]}"#
        let response = try Macie2JSON.decoder().decode(GetFindingStatisticsResponse.self, from: Data(body.utf8))
        #expect(
            response.countsByGroup == [GroupCount(count: 4_294_967_296, groupKey: "job-1"), GroupCount(count: 0, groupKey: "job-2")])
    }

    @Test func anAnswerWithoutCountsIsNotAnEmptyOne() throws {
        let response = try Macie2JSON.decoder().decode(GetFindingStatisticsResponse.self, from: Data("{}".utf8))
        #expect(response.countsByGroup == nil)
    }

    @Test func groupByKeepsValuesTheModelDoesNotList() throws {
        let request = try Macie2JSON.decoder().decode(
            GetFindingStatisticsRequest.self, from: Data(#"{"groupBy":"resourcesAffected.s3Object.key"}"#.utf8))
        #expect(request.groupBy.rawValue == "resourcesAffected.s3Object.key")
        #expect(!request.groupBy.isKnown)
        #expect(GroupBy.allKnown.contains(.severity))
    }
}
