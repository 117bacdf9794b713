import Foundation
import JobFetch
import Macie2Model
import TestSupport
import Testing

@testable import Macie2Emulator

/// GetFindingStatistics served from finding count groups, with the same refusals and faults
/// as the job operations.
@Suite struct FindingStatisticsTests {
    let base = Macie2ServiceTests()
    static let groups = [
        FindingCount(jobId: "j1", severity: "High", count: 2),
        FindingCount(jobId: "j1", severity: "Low", count: 5),
        FindingCount(jobId: "j1", severity: "Low", archived: true, count: 4),
        FindingCount(jobId: "j2", severity: "Medium", count: 7),
        FindingCount(jobId: "j3", severity: "High", archived: true, count: 1),
    ]

    func service(_ faults: FaultOptions = FaultOptions()) -> Macie2Service {
        Macie2Service(
            jobs: [:], findings: ["us-east-1": Self.groups], credentials: [Macie2ServiceTests.credentials], faults: faults,
            now: { Macie2ServiceTests.now })
    }

    /// `groupKey: count` pairs in answer order, or the error type and message.
    func ask(_ body: String, _ emulator: Macie2Service? = nil, region: String = "us-east-1") throws -> [String] {
        let answer = try base.response(
            (emulator ?? service()).handle(base.signed("POST", "/findings/statistics", body: body, region: region)))
        guard answer.status == 200 else { return ["\(answer.status) \(answer.type ?? "") \(answer.json["message"] ?? "")"] }
        let groups = try #require(answer.json["countsByGroup"] as? [[String: Any]])
        return groups.map { "\($0["groupKey"]!): \($0["count"]!)" }
    }

    @Test func groupsByJobOrSeverityCountingArchivedUnlessAsked() throws {
        #expect(try ask(#"{"groupBy":"classificationDetails.jobId"}"#) == ["j1: 11", "j2: 7", "j3: 1"])
        #expect(try ask(#"{"groupBy":"severity.description"}"#) == ["High: 3", "Low: 9", "Medium: 7"])
        let live = #"{"groupBy":"classificationDetails.jobId","findingCriteria":{"criterion":{"archived":{"eq":["false"]}}}}"#
        #expect(try ask(live) == ["j1: 7", "j2: 7"])
    }

    @Test func filtersWithEqAndNeq() throws {
        let high = #"{"groupBy":"classificationDetails.jobId","findingCriteria":{"criterion":{"severity.description":{"eq":["High"]}}}}"#
        #expect(try ask(high) == ["j1: 2", "j3: 1"])
        let notJ1 =
            #"{"groupBy":"severity.description","findingCriteria":{"criterion":{"classificationDetails.jobId":{"neq":["j1"]},"archived":{"neq":["true"]}}}}"#
        #expect(try ask(notJ1) == ["Medium: 7"])
    }

    @Test func sortsAndCutsAtSizeWithoutAToken() throws {
        let byCount =
            #"{"groupBy":"classificationDetails.jobId","size":2,"sortCriteria":{"attributeName":"count","orderBy":"DESC"}}"#
        #expect(try ask(byCount) == ["j1: 11", "j2: 7"])
        let keyDesc = #"{"groupBy":"classificationDetails.jobId","size":1,"sortCriteria":{"orderBy":"DESC"}}"#
        #expect(try ask(keyDesc) == ["j3: 1"])
        let answer = try base.response(
            service().handle(base.signed("POST", "/findings/statistics", body: #"{"groupBy":"type","size":1}"#)))
        #expect(answer.json["nextToken"] == nil)
    }

    @Test(arguments: [
        (#"{"size":3}"#, "groupBy"),
        (#"{"groupBy":"type"}"#, "groupBy type is not served"),
        (#"{"groupBy":"severity.description","size":0}"#, "size must be at least 1"),
        (#"{"groupBy":"severity.description","sortCriteria":{"attributeName":"name"}}"#, "attributeName"),
        (#"{"groupBy":"severity.description","findingCriteria":{"criterion":{"type":{"eq":["x"]}}}}"#, "criterion.type"),
        (#"{"groupBy":"severity.description","findingCriteria":{"criterion":{"archived":{"eq":["no"]}}}}"#, "\"no\""),
        (#"{"groupBy":"severity.description","findingCriteria":{"criterion":{"archived":{"gt":1}}}}"#, "eq or neq only"),
    ])
    func refusesWhatItDoesNotServe(body: String, message: String) throws {
        let answer = try ask(body)
        #expect(answer.count == 1 && answer[0].hasPrefix("400 ValidationException") && answer[0].contains(message), "\(answer)")
    }

    @Test func servesEachAccountAndRegionItsOwnFindings() throws {
        let emulator = Macie2Service(
            scoped: [:],
            scopedFindings: [
                Scope(accountId: "111122223333", region: "eu-west-1"): [FindingCount(jobId: "mine", severity: "Low", count: 1)],
                Scope(accountId: "444455556666", region: "eu-west-1"): [FindingCount(jobId: "theirs", severity: "Low", count: 1)],
                Scope(region: "eu-west-1"): [FindingCount(jobId: "any", severity: "Low", count: 1)],
            ], accountId: "111122223333", credentials: [Macie2ServiceTests.credentials], now: { Macie2ServiceTests.now })
        let body = #"{"groupBy":"classificationDetails.jobId"}"#
        #expect(try ask(body, emulator, region: "eu-west-1") == ["any: 1", "mine: 1"])
        #expect(try ask(body, emulator, region: "us-east-1") == [])
    }

    @Test func theJobOperationsFaultsApply() throws {
        var faults = FaultOptions()
        faults.deniedRegions = ["eu-west-1"]
        let denied = try ask(#"{"groupBy":"severity.description"}"#, service(faults), region: "eu-west-1")
        #expect(denied.first?.hasPrefix("403 AccessDeniedException") == true)
        #expect(denied.first?.contains("macie2:GetFindingStatistics") == true)
        faults = FaultOptions()
        faults.throttleRate = 0.3
        faults.serverErrorRate = 0.2
        faults.seed = 42
        let emulator = service(faults)
        let answers = try (0..<40).map { _ in try ask(#"{"groupBy":"severity.description"}"#, emulator)[0] }
        #expect(answers.contains { $0.hasPrefix("429 ThrottlingException") })
        #expect(answers.contains { $0.hasPrefix("500 InternalServerException") })
        #expect(answers.contains("High: 3"))
        #expect(emulator.counters.requests["GetFindingStatistics"] == 40)
    }
}
