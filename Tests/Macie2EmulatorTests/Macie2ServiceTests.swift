import AWSSigV4
import Foundation
import JobFetch
import Macie2Model
import TestSupport
import Testing

@testable import Macie2Emulator

/// The emulated endpoint without a socket: signed requests in, responses out.
@Suite struct Macie2ServiceTests {
    static let credentials = AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret")
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let demo = try! SamplesJobSource.recordedJobs(in: TestSupport.demoSamples)

    func service(_ faults: FaultOptions = FaultOptions(), credentials: [AWSCredentials]? = [Self.credentials]) -> Macie2Service {
        Macie2Service(jobs: Self.demo, credentials: credentials, faults: faults, now: { Self.now })
    }

    func signed(
        _ method: String, _ path: String, body: String = "", region: String = "us-east-1",
        with credentials: AWSCredentials = Self.credentials
    ) -> EmulatorRequest {
        let signer = SigV4Signer(credentials: credentials, scope: .init(region: region, service: "macie2"))
        let request = SigningRequest(
            method: method, path: path, headers: [("Host", "127.0.0.1"), ("Content-Type", "application/json")],
            payloadHash: SigV4.payloadHash(Data(body.utf8)))
        let out = signer.sign(request, date: Self.now)
        return EmulatorRequest(method: method, path: path, headers: out.headers, body: Array(body.utf8))
    }

    func response(_ outcome: EmulatorOutcome) throws -> (status: Int, type: String?, json: [String: Any]) {
        guard case .respond(let response, _) = outcome else { throw Failure("connection dropped") }
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (response.status, response.headers.first { $0.name == "x-amzn-ErrorType" }?.value, json)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    func listAll(_ service: Macie2Service, body: [String: Any] = [:], region: String = "us-east-1") throws -> [[String: Any]] {
        var items: [[String: Any]] = []
        var request = body
        for _ in 0..<1000 {
            let text = String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self)
            let page = try response(service.handle(signed("POST", "/jobs/list", body: text, region: region)))
            guard page.status == 200 else { throw Failure("status \(page.status): \(page.json)") }
            items += page.json["items"] as? [[String: Any]] ?? []
            guard let token = page.json["nextToken"] as? String else { return items }
            request["nextToken"] = token
        }
        throw Failure("pagination did not end")
    }

    @Test func listsEveryJobOfTheSignedRegionAsJobSummaries() throws {
        let items = try listAll(service(), body: ["maxResults": 7])
        #expect(items.count == 30)
        #expect(Set(items.compactMap { $0["jobId"] as? String }) == Set(Self.demo["us-east-1"]!.compactMap(\.job.jobId)))
        let allowed: Set<String> = [
            "bucketCriteria", "bucketDefinitions", "createdAt", "jobId", "jobStatus", "jobType", "lastRunErrorStatus", "name",
            "userPausedDetails",
        ]
        #expect(items.allSatisfy { Set($0.keys).isSubset(of: allowed) })
        #expect(try listAll(service(), region: "eu-west-1").count == 25)
        #expect(try listAll(service(), region: "sa-east-1").isEmpty)
    }

    @Test func describeReturnsTheRecordedBodyByteForByte() throws {
        let job = Self.demo["us-east-1"]!.first { $0.job.name == "ml-training-data-check" }!
        guard case .respond(let reply, _) = service().handle(signed("GET", "/jobs/\(job.job.jobId!)")) else {
            throw Failure("dropped")
        }
        #expect(reply.status == 200)
        #expect(Data(reply.body) == job.body)
        #expect(String(decoding: reply.body, as: UTF8.self).contains("futureField"))
        let missing = try response(service().handle(signed("GET", "/jobs/0000")))
        #expect(missing.status == 404 && missing.type == "ResourceNotFoundException")
        // A job of another region is not found in this one.
        let elsewhere = try response(service().handle(signed("GET", "/jobs/\(job.job.jobId!)", region: "eu-west-1")))
        #expect(elsewhere.status == 404)
    }

    @Test func refusesBadSignaturesTheWayAWSDoes() throws {
        let wrong = try response(
            service().handle(signed("POST", "/jobs/list", with: .init(accessKeyId: "AKIDTEST", secretAccessKey: "nope"))))
        #expect(wrong.status == 403 && wrong.type == "InvalidSignatureException")
        let unknown = try response(
            service().handle(signed("POST", "/jobs/list", with: .init(accessKeyId: "OTHER", secretAccessKey: "secret"))))
        #expect(unknown.status == 403 && unknown.type == "UnrecognizedClientException")
        let unsigned = try response(service().handle(EmulatorRequest(method: "POST", path: "/jobs/list")))
        #expect(unsigned.status == 403 && unsigned.type == "MissingAuthenticationTokenException")
        let token = AWSCredentials(accessKeyId: "TEMP", secretAccessKey: "s", sessionToken: "tok")
        let withToken = service(credentials: [token])
        #expect(try response(withToken.handle(signed("POST", "/jobs/list", with: token))).status == 200)
        var noToken = token
        noToken.sessionToken = nil
        #expect(try response(withToken.handle(signed("POST", "/jobs/list", with: noToken))).status == 403)
        #expect(service().counters.signatureFailures == 0)
        let anyKey = try response(
            service(credentials: nil).handle(signed("POST", "/jobs/list", with: .init(accessKeyId: "X", secretAccessKey: "Y"))))
        #expect(anyKey.status == 200)
    }

    @Test(arguments: [
        (
            #"{"filterCriteria":{"includes":[{"key":"name","comparator":"EQ","values":["x"],"extra":1}]}}"#,
            "Unknown member 'extra' in filterCriteria.includes[0]."
        ),
        (#"{"maxResults":"ten"}"#, "maxResults must be an integer, not a string."),
        (#"{"maxResults":500}"#, "maxResults must be between 1 and 200."),
        (
            #"{"sortCriteria":{"attributeName":"size"}}"#,
            "sortCriteria.attributeName must be one of createdAt, jobStatus, name, jobType; got 'size'."
        ),
        (
            #"{"filterCriteria":{"includes":[{"key":"jobStatus","comparator":"CONTAINS","values":["RUN"]}]}}"#,
            "filterCriteria.includes[0]: comparator CONTAINS is not supported for key jobStatus."
        ),
        (
            #"{"filterCriteria":{"excludes":[{"key":"createdAt","comparator":"GT","values":["soon"]}]}}"#,
            "filterCriteria.excludes[0].values: 'soon' is not an ISO-8601 timestamp."
        ),
        (#"{"nextToken":"bogus"}"#, "The nextToken is invalid or does not belong to this query."),
        (#"{"filterCriteria":[1]}"#, "filterCriteria must be an object, not an array."),
        (#"{"a":1,"#, "The request body is not valid JSON."),
        (#"{"unexpected":true}"#, "Unknown member 'unexpected' in ListClassificationJobsRequest."),
    ])
    func validatesTheBodyMemberByMember(body: String, message: String) throws {
        let reply = try response(service().handle(signed("POST", "/jobs/list", body: body)))
        #expect(reply.status == 400)
        #expect(reply.type == "ValidationException")
        #expect(reply.json["message"] as? String == message)
    }

    @Test func filtersAndSortsByTheModelsSemantics() throws {
        let statuses = try listAll(
            service(),
            body: [
                "filterCriteria": ["includes": [["key": "jobStatus", "comparator": "EQ", "values": ["PAUSED", "USER_PAUSED"]]]]
            ])
        #expect(
            statuses.count
                == Self.demo["us-east-1"]!.filter { ["PAUSED", "USER_PAUSED"].contains($0.job.jobStatus?.rawValue) }.count)
        let cutoff = "2026-09-01T00:00:00Z"
        let recent = try listAll(
            service(),
            body: [
                "filterCriteria": [
                    "includes": [["key": "createdAt", "comparator": "GTE", "values": [cutoff]]],
                    "excludes": [["key": "jobType", "comparator": "EQ", "values": ["ONE_TIME"]]],
                ],
                "sortCriteria": ["attributeName": "createdAt", "orderBy": "DESC"],
            ])
        let expected = Self.demo["us-east-1"]!.map(\.job)
            .filter { $0.createdAt! >= ISO8601Timestamp.parse(cutoff)! && $0.jobType?.rawValue != "ONE_TIME" }
            .sorted { $0.createdAt! > $1.createdAt! }
        #expect(recent.map { $0["jobId"] as? String } == expected.map(\.jobId))
        let named = try listAll(
            service(), body: ["filterCriteria": ["includes": [["key": "name", "comparator": "CONTAINS", "values": ["daily"]]]]])
        #expect(named.allSatisfy { ($0["name"] as? String)?.contains("daily") == true } && !named.isEmpty)
    }

    @Test func faultsAreSeededAndCounted() throws {
        var faults = FaultOptions()
        faults.throttleRate = 0.3
        faults.serverErrorRate = 0.2
        faults.seed = 42
        func statuses() -> [Int] {
            let emulator = service(faults)
            return (0..<40).map { _ in (try? response(emulator.handle(signed("POST", "/jobs/list"))).status) ?? -1 }
        }
        let first = statuses()
        #expect(first == statuses())
        #expect(first.contains(429) && first.contains(500) && first.contains(200))
        let emulator = service(faults)
        for _ in 0..<40 { _ = emulator.handle(signed("POST", "/jobs/list")) }
        let counters = emulator.counters
        #expect(counters.requests["ListClassificationJobs"] == 40)
        #expect((counters.faults["throttle"] ?? 0) + (counters.faults["serverError"] ?? 0) == first.filter { $0 != 200 }.count)
    }

    @Test func deniedRegionsVanishedJobsAndEmptyPages() throws {
        var faults = FaultOptions()
        faults.deniedRegions = ["eu-west-1"]
        let vanished = Self.demo["us-east-1"]![3].job.jobId!
        faults.vanishedJobs = [vanished]
        faults.emptyPageRate = 0.3
        faults.shortPageRate = 0.3
        let emulator = service(faults)
        let denied = try response(emulator.handle(signed("POST", "/jobs/list", region: "eu-west-1")))
        #expect(denied.status == 403 && denied.type == "AccessDeniedException")
        let items = try listAll(emulator, body: ["maxResults": 3])
        #expect(items.count == 30, "short and empty pages still reach every job")
        #expect((emulator.counters.faults["emptyPage"] ?? 0) > 0 && (emulator.counters.faults["shortPage"] ?? 0) > 0)
        #expect(items.contains { $0["jobId"] as? String == vanished })
        let gone = try response(emulator.handle(signed("GET", "/jobs/\(vanished)")))
        #expect(gone.status == 404 && gone.type == "ResourceNotFoundException")
    }

    @Test func rateLimitAndUnknownRoutes() throws {
        var faults = FaultOptions()
        faults.rateLimit = 5
        let emulator = service(faults)
        let statuses = try (0..<8).map { _ in try response(emulator.handle(signed("POST", "/jobs/list"))).status }
        #expect(statuses == [200, 200, 200, 200, 200, 429, 429, 429])
        let unknown = try response(service().handle(signed("DELETE", "/jobs/x/y")))
        #expect(unknown.status == 404 && unknown.type == "UnknownOperationException")
    }
}

extension Macie2ServiceTests {
    /// SDK paginators stop with an error when a token repeats; an empty page must still move the token on.
    @Test func anEmptyPagesTokenDiffersFromTheOneThatAskedForIt() throws {
        var faults = FaultOptions()
        faults.emptyPageRate = 1
        let emulator = service(faults)
        var tokens: [String] = []
        var body = "{}"
        for _ in 0..<3 {
            let page = try response(emulator.handle(signed("POST", "/jobs/list", body: body)))
            #expect((page.json["items"] as? [Any])?.isEmpty == true)
            let token = try #require(page.json["nextToken"] as? String)
            tokens.append(token)
            body = #"{"nextToken":"\#(token)"}"#
        }
        #expect(Set(tokens).count == 3)
    }
}
