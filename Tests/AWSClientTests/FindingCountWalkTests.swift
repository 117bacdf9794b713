import AWSClient
import Foundation
import JobFetch
import Logging
import Macie2Client
import TestSupport
import Testing

/// The walk's finding counts: one GetFindingStatistics call per severity, grouped by job; an
/// answer as large as `size` asked again in slices of job ids until no answer can have been
/// cut off; every failure a findings gap with every count unknown, never zero.
@Suite struct FindingCountWalkTests {
    static let jobIds = (1...7).map { "job\($0)" }

    /// A service that honours `size` and the job id, severity and archived conditions: job N
    /// has N findings of each severity that are not archived, and one archived Low finding.
    static func honest(_ request: ScriptedHTTPServer.Request) -> ScriptedHTTPServer.Response {
        let body = JobLogWalkTests.body(request)
        let criterion = (body["findingCriteria"] as? [String: Any])?["criterion"] as? [String: Any] ?? [:]
        func eq(_ property: String) -> [String]? { (criterion[property] as? [String: Any])?["eq"] as? [String] }
        let archived = eq("archived")
        let ids = eq("classificationDetails.jobId") ?? jobIds
        let severity = eq("severity.description")?.first ?? ""
        let groups = ids.sorted().compactMap { id -> String? in
            let n = Int(id.dropFirst(3)) ?? 0
            var count = 0
            if archived != ["true"] { count += n }
            if archived != ["false"], severity == "Low" { count += 1 }
            return count == 0 ? nil : #"{"groupKey":"\#(id)","count":\#(count)}"#
        }
        let size = body["size"] as? Int ?? groups.count
        return .init(200, #"{"countsByGroup":[\#(groups.prefix(size).joined(separator: ","))]}"#)
    }

    func walk(
        findings: LiveJobSource.FindingOptions = .init(groupLimit: 3), keepBodies: Bool = false,
        _ answer: @escaping @Sendable (ScriptedHTTPServer.Request) -> ScriptedHTTPServer.Response = Self.honest
    ) async throws -> (ScopeBatch, [ScriptedHTTPServer.Request]) {
        let items = Self.jobIds.map { #"{"jobId":"\#($0)","name":"n-\#($0)","jobStatus":"IDLE"}"# }
        let server = try ScriptedHTTPServer { request in
            request.uri == "/jobs/list" ? .init(200, #"{"items":[\#(items.joined(separator: ","))]}"#) : answer(request)
        }
        defer { server.stop() }
        let source = LiveJobSource(
            client: try AWSClientTests.client(endpoint: server.url), account: CallerAccount(known: "111122223333"),
            options: .init(
                regions: ["us-east-1"], maxConcurrency: 2, describe: false, keepBodies: keepBodies, jobLogs: nil,
                findings: findings),
            logger: Logger(label: "test"))
        var batches: [ScopeBatch] = []
        for try await batch in source.batches() { batches.append(batch) }
        try #require(batches.count == 1)
        return (batches[0], server.requests.filter { $0.uri == "/findings/statistics" })
    }

    func counts(_ batch: ScopeBatch) -> [String: FindingCounts?] {
        Dictionary(uniqueKeysWithValues: batch.jobs.map { ($0.job.jobId ?? "", $0.findings) })
    }

    @Test func aFullAnswerIsAskedAgainInSlicesSoNoCountIsCutOff() async throws {
        let (batch, requests) = try await walk()
        for (n, id) in Self.jobIds.enumerated() {
            let found = Int64(n + 1)
            #expect(counts(batch)[id] == FindingCounts(high: found, medium: found, low: found), "\(id)")
        }
        #expect(batch.findingsGap == nil && batch.gap == nil)
        // Per severity: every job at once (3 groups, full), then 7 ids in slices of 2.
        #expect(requests.count == 3 * (1 + 4))
        for request in requests {
            let body = JobLogWalkTests.body(request)
            #expect(request.method == "POST")
            #expect(request.header("Authorization")?.contains("/us-east-1/macie2/aws4_request") == true)
            #expect(body["groupBy"] as? String == "classificationDetails.jobId")
            #expect(body["size"] as? Int == 3)
            let criterion = try #require(body["findingCriteria"] as? [String: Any])["criterion"] as? [String: Any]
            #expect((criterion?["archived"] as? [String: Any])?["eq"] as? [String] == ["false"])
            let ids = (criterion?["classificationDetails.jobId"] as? [String: Any])?["eq"] as? [String]
            #expect(ids == nil || ids!.count <= 2)
        }
    }

    @Test func anAnswerSmallerThanSizeIsWholeAndOneCallASeverityIsEnough() async throws {
        let (batch, requests) = try await walk(findings: .init(includeArchived: true, groupLimit: 100))
        #expect(requests.count == 3)
        #expect(counts(batch)["job2"] == FindingCounts(high: 2, medium: 2, low: 3), "archived Low counted when asked")
        for request in requests {
            let criterion = (JobLogWalkTests.body(request)["findingCriteria"] as? [String: Any])?["criterion"] as? [String: Any]
            #expect(criterion?["archived"] == nil, "both archived and not are counted")
        }
    }

    @Test func aRecordingWalkKeepsArchivedAndNotApart() async throws {
        let (batch, requests) = try await walk(findings: .init(groupLimit: 100), keepBodies: true)
        #expect(requests.count == 6)
        #expect(counts(batch)["job1"] == FindingCounts(high: 1, medium: 1, low: 1), "archived left out of the counts")
        let groups = try #require(batch.findingGroups)
        #expect(groups.filter { $0.jobId == "job1" } == [
            FindingCount(jobId: "job1", severity: "High", count: 1), FindingCount(jobId: "job1", severity: "Medium", count: 1),
            FindingCount(jobId: "job1", severity: "Low", count: 1),
            FindingCount(jobId: "job1", severity: "Low", archived: true, count: 1),
        ])
    }

    func expectGap(_ batch: ScopeBatch, _ text: String) {
        #expect(batch.jobs.count == 7, "the jobs stay in the report")
        #expect(batch.jobs.allSatisfy { $0.findings == nil }, "unknown, never zero")
        #expect(batch.findingsGap?.reason.contains(text) == true, "\(batch.findingsGap?.reason ?? "no gap")")
        #expect(batch.findingsGap?.listIsComplete == true)
        #expect(batch.gap == nil)
    }

    @Test func accessDeniedIsAGapThatSaysWhatToGrant() async throws {
        let (batch, _) = try await walk { _ in
            .init(
                403, #"{"message":"not authorized"}"#, headers: [("x-amzn-ErrorType", "AccessDeniedException")])
        }
        expectGap(batch, "access denied for GetFindingStatistics: not authorized (grant macie2:GetFindingStatistics, or run with --no-findings)")
        #expect(batch.findingsGap?.reason.hasPrefix("finding counts of 7 job(s) could not be read") == true)
    }

    @Test func anAnswerWithoutCountsIsAGapNotZero() async throws {
        let (batch, _) = try await walk { _ in .init(200, "{}") }
        expectGap(batch, "GetFindingStatistics answered without countsByGroup")
    }

    @Test func aSliceAnswerThatIsStillFullIsAGap() async throws {
        // A service that ignores the job id condition: every answer is full.
        let (batch, _) = try await walk { _ in
            .init(200, #"{"countsByGroup":[{"groupKey":"job1","count":1},{"groupKey":"job2","count":1},{"groupKey":"job3","count":1}]}"#)
        }
        expectGap(batch, "GetFindingStatistics answered 3 groups for 2 jobs; the counts cannot be trusted")
    }

    @Test func aGroupWithoutACountIsAGap() async throws {
        let (batch, _) = try await walk { _ in .init(200, #"{"countsByGroup":[{"groupKey":"job1"}]}"#) }
        expectGap(batch, "a group without a key or a count")
    }
}
