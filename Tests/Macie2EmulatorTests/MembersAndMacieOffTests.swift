import AWSSigV4
import Foundation
import JobFetch
import Testing

@testable import Macie2Emulator

/// Macie2 ListMembers (the home account's members, paged) and "Macie is not enabled", the
/// answer of every Macie2 operation in an account-region where Macie is off.
@Suite struct MembersAndMacieOffTests {
    typealias F = OrganizationFixture

    func members(_ service: Macie2Service, _ client: SignedRequests = SignedRequests(F.base), query: [(String, String)])
        -> EmulatorResponse
    {
        SignedRequests.response(service.handle(client.macie2("GET", "/members", query: query)))
    }

    func allMembers(_ service: Macie2Service, onlyAssociated: String?) throws -> [[String: Any]] {
        var found: [[String: Any]] = []
        var query = [("maxResults", "2")] + (onlyAssociated.map { [("onlyAssociated", $0)] } ?? [])
        for _ in 0..<10 {
            let answer = members(service, query: query)
            guard answer.status == 200 else {
                throw F.TypeError(type: SignedRequests.errorType(answer) ?? "", status: answer.status)
            }
            let json = SignedRequests.json(answer)
            found += json["members"] as? [[String: Any]] ?? []
            guard let token = json["nextToken"] as? String else { return found }
            query = query.filter { $0.0 != "nextToken" } + [("nextToken", token)]
        }
        throw F.TypeError(type: "pagination did not end", status: 0)
    }

    @Test func listMembersPagesTheCurrentMembersByDefaultAndEveryMemberWhenAsked() throws {
        let service = F.service()
        let current = try allMembers(service, onlyAssociated: nil)
        #expect(current.compactMap { $0["accountId"] as? String } == [F.payments, F.data, F.closed])
        #expect(try allMembers(service, onlyAssociated: "true").count == 3)
        let every = try allMembers(service, onlyAssociated: "false")
        #expect(every.compactMap { $0["accountId"] as? String } == [F.payments, F.data, F.partner, F.closed, F.legacy])
        #expect(
            every.compactMap { $0["relationshipStatus"] as? String } == [
                "Enabled", "Paused", "Invited", "AccountSuspended", "Removed",
            ])
        let payments = try #require(every.first)
        #expect(payments["administratorAccountId"] as? String == F.home && payments["masterAccountId"] as? String == F.home)
        #expect(payments["arn"] as? String == "arn:aws:macie2:us-east-1:\(F.home):member/\(F.payments)")
        #expect(payments["email"] == nil)  // associated through Organizations
        #expect(every[2]["email"] as? String == "partner@example.com")
        #expect(service.counters.requests["ListMembers"] == 2 + 2 + 3)
    }

    @Test func listMembersRefusesBadParametersAndAMemberHasNoMembers() throws {
        let service = F.service()
        for query in [[("maxResults", "26")], [("maxResults", "0")], [("onlyAssociated", "maybe")], [("nextToken", "bm9wZQ==")]] {
            let answer = members(service, query: query)
            #expect(answer.status == 400 && SignedRequests.errorType(answer) == "ValidationException", "\(query)")
        }
        let payments = try #require(F.session(service, F.payments))
        let theirs = members(service, payments, query: [])
        #expect(theirs.status == 200 && (SignedRequests.json(theirs)["members"] as? [Any])?.isEmpty == true)
    }

    @Test func everyMacie2OperationAnswersMacieIsNotEnabledWhereMacieIsOff() throws {
        let service = F.service()
        let data = try #require(F.session(service, F.data, externalId: "ext-1"))
        let requests = [
            data.macie2("POST", "/jobs/list", body: "{}"), data.macie2("GET", "/jobs/0123456789abcdef"),
            data.macie2("POST", "/findings/statistics", body: #"{"groupBy": "severity.description"}"#),
            data.macie2("GET", "/members"),
        ]
        for request in requests {
            let answer = SignedRequests.response(service.handle(request))
            #expect(answer.status == 401, "\(request.path)")
            #expect(SignedRequests.errorType(answer) == "AccessDeniedException")
            #expect(SignedRequests.json(answer)["message"] as? String == "Macie is not enabled.")
        }
        #expect((try? F.jobIds(service, data, region: "eu-west-1").get()) == [])
        let homeOff = SignedRequests.response(
            service.handle(SignedRequests(F.base).macie2("GET", "/members", region: "sa-east-1")))
        #expect(homeOff.status == 401)
        #expect(service.counters.refusals["macieNotEnabled"] == requests.count + 1)
    }

    @Test func macieOffCanBeAnsweredAs403AndAddedByFlag() {
        var faults = FaultOptions()
        faults.macieOffStatus = 403
        let service = F.service(
            faults, macieOff: [Scope(region: "eu-west-1"), Scope(accountId: F.payments, region: "us-west-2")])
        #expect(throws: F.TypeError(type: "AccessDeniedException", status: 403)) {
            try F.jobIds(service, SignedRequests(F.base), region: "eu-west-1").get()
        }
        #expect((try? F.jobIds(service, SignedRequests(F.base), region: "us-west-2").get()) == [])
    }

    @Test func deniedRegionComesBeforeMacieOff() {
        var faults = FaultOptions()
        faults.deniedRegions = ["sa-east-1"]
        let service = F.service(faults)
        let answer = SignedRequests.response(
            service.handle(SignedRequests(F.base).macie2("POST", "/jobs/list", body: "{}", region: "sa-east-1")))
        #expect(answer.status == 403)
        #expect(service.counters.faults["deniedRegion"] == 1 && service.counters.refusals["macieNotEnabled"] == nil)
    }

    @Test func routesAreDecidedByPathAndHeaders() {
        #expect(EmulatorRoute(EmulatorRequest(method: "GET", path: "/members")) == .macie2(.listMembers))
        #expect(EmulatorRoute(EmulatorRequest(method: "POST", path: "/members")) == .unknown)
        #expect(
            EmulatorRoute(EmulatorRequest(method: "GET", path: "/jobs/a%2Fb"))
                == .macie2(.describeClassificationJob(rawJobId: "a%2Fb")))
        let organizations = EmulatorRequest(
            method: "POST", path: "/", headers: [("X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts")])
        #expect(EmulatorRoute(organizations) == .organizations)
        #expect(EmulatorRoute(EmulatorRequest(method: "GET", path: "/_emulator/counters")) == .counters)
    }
}
