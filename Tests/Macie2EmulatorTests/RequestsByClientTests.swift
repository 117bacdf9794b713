import AWSSigV4
import Foundation
import Testing

@testable import Macie2Emulator

/// `requestsByClient`: every counted request credited to who sent it (the User-Agent's first
/// product token, or the key id of a presigned URL), adding up to `requests`.
@Suite struct RequestsByClientTests {
    typealias F = OrganizationFixture

    @Test func eachRequestIsCreditedToTheFirstProductTokenOfItsUserAgent() throws {
        let service = F.service()
        let home = SignedRequests(F.base)
        let report = [(name: "Content-Type", value: "application/json"), (name: "User-Agent", value: "macie-report/0.2")]
        let boto = [
            (name: "Content-Type", value: "application/json"),
            (name: "User-Agent", value: "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux"),
        ]
        for headers in [report, report, boto] {
            _ = service.handle(
                home.sign("POST", "/jobs/list", headers: headers, body: "{}", region: "us-east-1", service: "macie2"))
        }
        _ = service.handle(home.sts("GetCallerIdentity"))  // no User-Agent
        _ = service.handle(
            home.sign(
                "GET", "/nowhere", headers: [(name: "User-Agent", value: " curl/8.5")], body: "", region: "us-east-1",
                service: "s3"))

        let counters = service.counters
        #expect(
            counters.requestsByClient == [
                "macie-report": ["ListClassificationJobs": 2], "Boto3": ["ListClassificationJobs": 1],
                "none": ["GetCallerIdentity": 1], "curl": ["unknown": 1],
            ])
        var sums: [String: Int] = [:]
        for operations in counters.requestsByClient.values { sums.merge(operations, uniquingKeysWith: +) }
        #expect(sums == counters.requests)
    }

    @Test func aPresignedRequestIsCreditedToTheKeyThatSignedIt() {
        let service = F.service()
        let query =
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLE123%2F20260101%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20260101T000000Z&X-Amz-Expires=600&X-Amz-SignedHeaders=host&X-Amz-Signature=abc123"
        _ = service.handle(
            EmulatorRequest(
                method: "GET", path: "/reports/night/report.xlsx", query: query,
                headers: [(name: "User-Agent", value: "Python-urllib/3.11")]))
        _ = service.handle(EmulatorRequest(method: "GET", path: "/reports/x", query: "X-Amz-Signature=abc"))
        // The first is S3's by its credential scope (a GetObject, refused unsigned-by-a-known-key);
        // the second names no key or service at all.
        #expect(service.counters.requestsByClient == ["presigned:ASIAEXAMPLE123": ["GetObject": 1], "presigned:": ["unknown": 1]])
    }

    @Test func theCountersRouteIsNotARequestOfAnyClient() throws {
        let service = F.service()
        _ = service.handle(
            SignedRequests(F.base).sign(
                "POST", "/jobs/list", headers: [(name: "User-Agent", value: "macie-report/0.2")], body: "{}",
                region: "us-east-1", service: "macie2"))
        guard case .respond(let answer, _) = service.handle(EmulatorRequest(method: "GET", path: "/_emulator/counters")) else {
            Issue.record("the counters route dropped the connection")
            return
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
        #expect(json["requestsByClient"] as? [String: [String: Int]] == ["macie-report": ["ListClassificationJobs": 1]])
        #expect(json["requests"] as? [String: Int] == ["ListClassificationJobs": 1])
    }
}
