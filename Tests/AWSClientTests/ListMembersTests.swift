import AWSClient
import AWSSigV4
import Foundation
import Macie2Client
import Macie2Model
import TestSupport
import Testing

/// Macie ListMembers against a scripted Macie2: a GET with its parameters in a signed query
/// string, followed through empty pages, a repeated token stopping the list, and a denial
/// that names the Macie administrator.
@Suite struct ListMembersTests {
    @Test func listMembersAsksForAssociatedMembersPageByPageWithASignedQuery() async throws {
        let server = try ScriptedHTTPServer { request in
            guard OrganizationsTests.verified(request, service: "macie2") != nil else {
                return .init(403, #"{"message":"bad signature"}"#)
            }
            let query = Dictionary(
                SigningRequest.parseQuery(String(request.uri.split(separator: "?").dropFirst().first ?? "")).map {
                    ($0.name, $0.value)
                }
            ) { $1 }
            guard request.uri.hasPrefix("/members?"), query["onlyAssociated"] == "true", query["maxResults"] == "25" else {
                return .init(400, #"{"message":"unexpected \#(request.uri)"}"#)
            }
            func member(_ id: String, _ status: String) -> String {
                #"{"accountId":"\#(id)","administratorAccountId":"111122223333","email":"m@example.com","relationshipStatus":"\#(status)","invitedAt":"2026-01-01T00:00:00Z"}"#
            }
            switch query["nextToken"] {
            case nil: return .init(200, #"{"members":[\#(member("210987654321", "Enabled"))],"nextToken":"a+b/c= d"}"#)
            case "a+b/c= d": return .init(200, #"{"members":[],"nextToken":"two"}"#)
            default:
                return .init(200, #"{"members":[\#(member("333344445555", "Paused")),\#(member("444455556666", "Enabled"))]}"#)
            }
        }
        defer { server.stop() }
        let macie = Macie2Client(client: try AWSClientTests.client(endpoint: server.url), region: "eu-west-1")
        let members = try await macie.members()
        #expect(members.map(\.accountId) == ["210987654321", "333344445555", "444455556666"])
        #expect(members.filter { $0.relationshipStatus == .enabled }.map(\.accountId) == ["210987654321", "444455556666"])
        #expect(server.requests.count == 3 && server.requests.allSatisfy { $0.method == "GET" })
        #expect(server.requests[1].uri == "/members?maxResults=25&nextToken=a%2Bb%2Fc%3D%20d&onlyAssociated=true")
    }

    @Test func listMembersStopsAtARepeatedTokenAndNamesADenial() async throws {
        let server = try ScriptedHTTPServer { _ in .init(200, #"{"members":[],"nextToken":"same"}"#) }
        defer { server.stop() }
        let macie = Macie2Client(client: try AWSClientTests.client(endpoint: server.url), region: "eu-west-1")
        let error = try await #require(throws: AccountDiscoveryError.self) { _ = try await macie.members() }
        #expect(error.isIncomplete && server.requests.count == 2)

        let denied = try ScriptedHTTPServer { _ in
            .init(403, #"{"message":"User is not authorized"}"#, headers: [("x-amzn-ErrorType", "AccessDeniedException")])
        }
        defer { denied.stop() }
        let refused = try await #require(throws: AccountDiscoveryError.self) {
            _ = try await Macie2Client(client: try AWSClientTests.client(endpoint: denied.url), region: "eu-west-1").members()
        }
        #expect(refused.isDenied && refused.description.contains("Macie administrator account"))
        let malformed = try ScriptedHTTPServer { _ in
            .init(200, #"{"members":[{"accountId":"12","relationshipStatus":"Enabled"}]}"#)
        }
        defer { malformed.stop() }
        let bad = try await #require(throws: AccountDiscoveryError.self) {
            _ = try await Macie2Client(client: try AWSClientTests.client(endpoint: malformed.url), region: "eu-west-1").members()
        }
        #expect(bad.cause?.isMalformedAnswer == true)
    }
}
