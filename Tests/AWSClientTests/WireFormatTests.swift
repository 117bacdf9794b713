import AWSClient
import AWSSigV4
import Foundation
import Macie2Client
import OrganizationsClient
import TestSupport
import Testing

/// What our client puts on the wire for AssumeRole, ListAccounts and ListMembers, compared
/// with `Tests/Fixtures/wire/account-discovery-requests.json`, the file the interop test
/// `test_wire_botocore.py` holds botocore's requests for the same inputs to: the two agree
/// through it, field by field.
@Suite struct WireFormatTests {
    struct Case: Decodable {
        var operation: String
        var region: String
        var input: [String: JSONScalar]
        var method: String
        var path: String
        var query: [String: String]
        var contentType: String?
        var target: String?
        var form: [String: String]?
        var json: [String: JSONScalar]?
        var scope: String
    }

    /// A string or number of the fixture, compared as it would be sent.
    enum JSONScalar: Decodable, Equatable {
        case string(String)
        case number(Int)
        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let number = try? value.decode(Int.self) {
                self = .number(number)
            } else {
                self = .string(try value.decode(String.self))
            }
        }
        var text: String {
            switch self {
            case .string(let text): return text
            case .number(let number): return String(number)
            }
        }
    }

    static let cases: [Case] = {
        let url = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/wire/account-discovery-requests.json")
        return (try? JSONDecoder().decode([Case].self, from: Data(contentsOf: url))) ?? []
    }()

    static let answers = [
        "AssumeRole": AssumeRoleTests.answer(1, expiration: nil), "ListAccounts": #"{"Accounts":[]}"#,
        "ListMembers": #"{"members":[]}"#,
    ]

    /// Sends the case's operation with our client and returns what the server received.
    func send(_ fixture: Case) async throws -> ScriptedHTTPServer.Request {
        let server = try ScriptedHTTPServer { _ in .init(200, Self.answers[fixture.operation] ?? "") }
        defer { server.stop() }
        let client = try AWSClientTests.client(endpoint: server.url)
        let input = fixture.input.mapValues(\.text)
        switch fixture.operation {
        case "AssumeRole":
            _ = try await STS(client: client, region: fixture.region).assumeRole(
                roleArn: try #require(input["RoleArn"]), sessionName: try #require(input["RoleSessionName"]),
                externalId: input["ExternalId"], durationSeconds: input["DurationSeconds"].flatMap { Int($0) })
        case "ListAccounts":
            _ = try await OrganizationsClient(client: client, partitionOf: fixture.region).listAccounts(
                nextToken: input["NextToken"], maxResults: try #require(input["MaxResults"].flatMap { Int($0) }))
        case "ListMembers":
            #expect(input["onlyAssociated"] == "true", "listMembers always asks for associated members only")
            _ = try await Macie2Client(client: client, region: fixture.region).listMembers(
                nextToken: input["nextToken"], maxResults: try #require(input["maxResults"].flatMap { Int($0) }))
        default:
            Issue.record("no operation \(fixture.operation)")
        }
        return try #require(server.requests.first)
    }

    @Test func theFixtureHoldsEveryOperation() {
        #expect(Set(Self.cases.map(\.operation)) == ["AssumeRole", "ListAccounts", "ListMembers"])
    }

    @Test(arguments: cases.indices)
    func ourClientSendsTheRequestBotocoreBuilds(_ index: Int) async throws {
        let fixture = Self.cases[index]
        let request = try await send(fixture)
        let parts = request.uri.split(separator: "?", maxSplits: 1).map(String.init)
        #expect(request.method == fixture.method)
        #expect(parts[0] == fixture.path)
        let query = SigningRequest.parseQuery(parts.count > 1 ? parts[1] : "")
        #expect(Dictionary(query.map { ($0.name, $0.value) }) { $1 } == fixture.query)
        if let contentType = fixture.contentType { #expect(request.header("Content-Type") == contentType) }
        #expect(request.header("X-Amz-Target") == fixture.target)
        let body = String(decoding: request.body, as: UTF8.self)
        if let form = fixture.form {
            #expect(Dictionary(SigningRequest.parseQuery(body).map { ($0.name, $0.value) }) { $1 } == form)
        } else if let json = fixture.json {
            let sent = try JSONDecoder().decode([String: JSONScalar].self, from: Data(request.body))
            #expect(sent == json)
        } else {
            #expect(body.isEmpty)
        }
        let credential = try #require(
            request.header("Authorization")?.split(separator: "Credential=").last?.split(separator: ",").first)
        #expect(credential.split(separator: "/", maxSplits: 2).last.map(String.init) == fixture.scope)
    }
}
