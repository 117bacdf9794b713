import AWSClient
import AWSSigV4
import Foundation
import OrganizationsClient
import TestSupport
import Testing

/// Organizations ListAccounts against a scripted service: JSON 1.1 on the partition's global
/// endpoint, followed through empty pages to the end, a token handed out twice stopping the
/// list instead of looping, and refusals that say what to do instead.
@Suite struct OrganizationsTests {
    static let base = AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret")

    static func account(_ id: String, _ name: String, state: String? = "ACTIVE", status: String? = nil) -> String {
        let fields =
            [
                #""Id":"\#(id)""#, #""Arn":"arn:aws:organizations::111122223333:account/o-abc/\#(id)""#,
                #""Email":"a@example.com""#,
                #""Name":"\#(name)""#, #""JoinedMethod":"CREATED""#, #""JoinedTimestamp":1700000000.5"#,
            ] + [state.map { #""State":"\#($0)""# }, status.map { #""Status":"\#($0)""# }].compactMap { $0 }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func body(_ request: ScriptedHTTPServer.Request) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
    }

    /// Checks the signature as Organizations or Macie would, query string included.
    static func verified(_ request: ScriptedHTTPServer.Request, service: String) -> SigV4Verifier.Verified? {
        let parts = request.uri.split(separator: "?", maxSplits: 1)
        let signed = SigningRequest(
            method: request.method, path: String(parts[0]),
            query: parts.count > 1 ? SigningRequest.parseQuery(String(parts[1])) : [], headers: request.headers,
            payloadHash: SigV4.payloadHash(request.body))
        return try? SigV4Verifier(credentials: [base], service: service).verify(signed, now: Date())
    }

    @Test func listAccountsFollowsEveryPageThroughEmptyOnesAndReadsStateBeforeStatus() async throws {
        let server = try ScriptedHTTPServer { request in
            guard Self.verified(request, service: "organizations")?.region == "us-east-1" else { return .init(403, "{}") }
            switch Self.body(request)["NextToken"] as? String {
            case nil:
                return .init(
                    200,
                    #"{"Accounts":[\#(Self.account("111122223333", "Management")),\#(Self.account("210987654321", "Payroll"))],"NextToken":"t/1+"}"#
                )
            case "t/1+": return .init(200, #"{"Accounts":[],"NextToken":"t2"}"#)
            default:
                return .init(
                    200,
                    #"{"Accounts":[\#(Self.account("333344445555", "Old", state: "SUSPENDED", status: "SUSPENDED")),\#(Self.account("444455556666", "Legacy", state: nil, status: "ACTIVE"))]}"#
                )
            }
        }
        defer { server.stop() }
        let organizations = OrganizationsClient(
            client: try AWSClientTests.client(endpoint: server.url), partitionOf: "eu-west-1")
        let accounts = try await organizations.allAccounts()
        #expect(accounts.map(\.id) == ["111122223333", "210987654321", "333344445555", "444455556666"])
        #expect(accounts.map(\.name) == ["Management", "Payroll", "Old", "Legacy"])
        #expect(accounts.filter(\.isActive).map(\.id) == ["111122223333", "210987654321", "444455556666"])
        #expect(accounts[2].state == "SUSPENDED")
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.method == "POST" && $0.uri == "/" })
        #expect(requests.allSatisfy { $0.header("X-Amz-Target") == "AWSOrganizationsV20161128.ListAccounts" })
        #expect(requests.allSatisfy { $0.header("Content-Type") == "application/x-amz-json-1.1" })
        #expect(String(decoding: requests[0].body, as: UTF8.self) == #"{"MaxResults":20}"#)
        #expect(String(decoding: requests[1].body, as: UTF8.self) == #"{"MaxResults":20,"NextToken":"t/1+"}"#)
    }

    @Test func aRepeatedTokenIsAnErrorNotALoop() async throws {
        let server = try ScriptedHTTPServer { _ in
            .init(200, #"{"Accounts":[\#(Self.account("111122223333", "A"))],"NextToken":"again"}"#)
        }
        defer { server.stop() }
        let organizations = OrganizationsClient(client: try AWSClientTests.client(endpoint: server.url), partitionOf: "us-east-1")
        let error = try await #require(throws: AccountDiscoveryError.self) { _ = try await organizations.allAccounts() }
        #expect(error.isIncomplete && error.description.contains("same token twice after 2 pages"), "\(error)")
        #expect(server.requests.count == 2)
        let endless = CallCounter()
        let fresh = try ScriptedHTTPServer { _ in .init(200, #"{"Accounts":[],"NextToken":"t\#(endless.next())"}"#) }
        defer { fresh.stop() }
        let capped = OrganizationsClient(client: try AWSClientTests.client(endpoint: fresh.url), partitionOf: "us-east-1")
        let stopped = try await #require(throws: AccountDiscoveryError.self) { _ = try await capped.allAccounts(pageLimit: 5) }
        #expect(stopped.isIncomplete && fresh.requests.count == 5)
    }

    @Test(arguments: [
        ("AccessDeniedException", 400, "management account or a delegated administrator"),
        ("AWSOrganizationsNotInUseException", 400, "not in an organization"),
    ])
    func refusalsSayWhatToDoInstead(_ code: String, _ status: Int, _ advice: String) async throws {
        let server = try ScriptedHTTPServer { _ in .init(status, #"{"__type":"\#(code)","Message":"no"}"#) }
        defer { server.stop() }
        let organizations = OrganizationsClient(client: try AWSClientTests.client(endpoint: server.url), partitionOf: "us-east-1")
        let error = try await #require(throws: AccountDiscoveryError.self) { _ = try await organizations.allAccounts() }
        #expect(error.description.contains(advice) && error.description.contains("--accounts"), "\(error)")
        #expect(error.isDenied == (code == "AccessDeniedException"))
    }

    @Test func anAnswerThatIsNotAnAccountListIsMalformedNotEmpty() async throws {
        for answer in [
            #"{"NextToken":null}"#, #"{"Accounts":[{"Name":"no id","State":"ACTIVE"}]}"#,
            #"{"Accounts":[{"Id":"111122223333"}]}"#,
        ] {
            let server = try ScriptedHTTPServer { _ in .init(200, answer) }
            defer { server.stop() }
            let organizations = OrganizationsClient(
                client: try AWSClientTests.client(endpoint: server.url), partitionOf: "us-east-1")
            let error = try await #require(throws: AccountDiscoveryError.self) { _ = try await organizations.allAccounts() }
            #expect(error.cause?.isMalformedAnswer == true, "\(answer): \(error)")
        }
    }

    @Test(arguments: [
        ("us-east-1", "https://organizations.us-east-1.amazonaws.com"),
        ("eu-central-2", "https://organizations.us-east-1.amazonaws.com"),
        ("cn-north-1", "https://organizations.cn-northwest-1.amazonaws.com.cn"),
        ("us-gov-east-1", "https://organizations.us-gov-west-1.amazonaws.com"),
    ])
    func organizationsIsGlobalPerPartitionAndFollowsTheEndpointRule(_ region: String, _ host: String) throws {
        let files = SharedConfigFiles(credentialsText: "", configText: "")
        let home = OrganizationsClient.homeRegion(partitionOf: region)
        #expect(
            try AWSSettings(environment: [:], files: files).endpoint(OrganizationsClient.service, region: home).absoluteString
                == host)
        let own = AWSSettings(
            environment: ["AWS_ENDPOINT_URL_ORGANIZATIONS": "http://127.0.0.1:4566", "AWS_ENDPOINT_URL": "http://127.0.0.1:1"],
            files: files)
        #expect(try own.endpoint(OrganizationsClient.service, region: home).absoluteString == "http://127.0.0.1:4566")
        var flagged = own
        flagged.endpointOverride = URL(string: "http://127.0.0.1:9000")
        #expect(try flagged.endpoint(OrganizationsClient.service, region: home).absoluteString == "http://127.0.0.1:9000")
    }
}
