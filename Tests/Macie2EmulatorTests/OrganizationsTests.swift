import AWSSigV4
import Foundation
import JobFetch
import Testing

@testable import Macie2Emulator

/// Organizations ListAccounts (JSON 1.1): the organization's accounts for its management
/// account, paged; AccessDeniedException for a member account; AWSOrganizationsNotInUseException
/// outside any organization.
@Suite struct OrganizationsTests {
    typealias F = OrganizationFixture

    func listAccounts(_ service: Macie2Service, _ client: SignedRequests, body: String) -> EmulatorResponse {
        SignedRequests.response(service.handle(client.organizations("ListAccounts", body: body)))
    }

    @Test func theManagementAccountPagesThroughTheOrganizationsAccounts() throws {
        let service = F.service()
        var seen: [[String: Any]] = []
        var body = #"{"MaxResults": 2}"#
        var pages = 0
        while pages < 10 {
            let answer = listAccounts(service, SignedRequests(F.base), body: body)
            #expect(answer.status == 200)
            #expect(answer.headers.contains { $0 == ("Content-Type", "application/x-amz-json-1.1") })
            let json = SignedRequests.json(answer)
            let accounts = json["Accounts"] as? [[String: Any]] ?? []
            #expect(accounts.count <= 2)
            seen += accounts
            pages += 1
            guard let token = json["NextToken"] as? String else { break }
            body = #"{"MaxResults": 2, "NextToken": "\#(token)"}"#
        }
        #expect(pages == 3)
        #expect(seen.compactMap { $0["Id"] as? String } == [F.home, F.payments, F.data, F.closed, F.legacy])
        let payments = try #require(seen.first { $0["Id"] as? String == F.payments })
        #expect(payments["Arn"] as? String == "arn:aws:organizations::\(F.home):account/o-testorg1234/\(F.payments)")
        #expect(payments["Name"] as? String == "payments" && payments["Email"] as? String == "payments@example.com")
        #expect(payments["Status"] as? String == "ACTIVE" && payments["State"] as? String == "ACTIVE")
        let closed = try #require(seen.first { $0["Id"] as? String == F.closed })
        #expect(closed["Status"] as? String == "SUSPENDED" && closed["State"] as? String == "SUSPENDED")
        #expect(service.counters.requests["ListAccounts"] == 3)
    }

    @Test func withoutMaxResultsAPageHoldsTwenty() {
        let many = AccountsFile(
            homeAccountId: F.home, organizationId: "o-testorg1234",
            accounts: (0..<45).map { RecordedAccount(id: String(format: "%012d", 100_000_000_000 + $0), inOrganization: true) })
        let answer = listAccounts(F.service(accounts: many), SignedRequests(F.base), body: "{}")
        #expect((SignedRequests.json(answer)["Accounts"] as? [Any])?.count == 20)
        #expect(SignedRequests.json(answer)["NextToken"] is String)
    }

    @Test func maxResultsOutsideOneToTwentyAndForeignTokensAreInvalidInput() {
        let service = F.service()
        for (body, reason) in [
            (#"{"MaxResults": 0}"#, "MIN_VALUE_EXCEEDED"), (#"{"MaxResults": 21}"#, "MAX_VALUE_EXCEEDED"),
            (#"{"NextToken": "bm90LWEtdG9rZW4="}"#, "INVALID_PAGINATION_TOKEN"),
        ] {
            let answer = listAccounts(service, SignedRequests(F.base), body: body)
            #expect(answer.status == 400)
            #expect(SignedRequests.errorType(answer) == "InvalidInputException")
            #expect(SignedRequests.json(answer)["__type"] as? String == "InvalidInputException")
            #expect(SignedRequests.json(answer)["Reason"] as? String == reason)
            #expect(SignedRequests.json(answer)["Message"] is String)
        }
        #expect(service.counters.validationErrors == 3)
    }

    @Test func aMemberAccountIsDeniedAndAnAccountOutsideIsToldOrganizationsIsNotInUse() throws {
        let service = F.service()
        let payments = try #require(F.session(service, F.payments))
        let denied = listAccounts(service, payments, body: "{}")
        #expect(denied.status == 400 && SignedRequests.errorType(denied) == "AccessDeniedException")
        let partner = try #require(F.session(service, F.partner, role: "Audit"))
        let outside = listAccounts(service, partner, body: "{}")
        #expect(outside.status == 400 && SignedRequests.errorType(outside) == "AWSOrganizationsNotInUseException")
        #expect(service.counters.refusals["organizationsDenied"] == 1)
        #expect(service.counters.refusals["organizationsNotInUse"] == 1)
    }

    @Test func withNoOrganizationRecordedEvenTheHomeAccountIsNotInUse() {
        let answer = listAccounts(F.service(accounts: nil), SignedRequests(F.base), body: "{}")
        #expect(answer.status == 400 && SignedRequests.errorType(answer) == "AWSOrganizationsNotInUseException")
    }

    @Test func theSignatureMustBeForOrganizationsAndOtherOperationsAreUnknown() {
        let service = F.service()
        let wrongService = SignedRequests.response(
            service.handle(SignedRequests(F.base).organizations("ListAccounts", service: "macie2")))
        #expect(wrongService.status == 403 && SignedRequests.errorType(wrongService) == "InvalidSignatureException")
        #expect(service.counters.signatureFailures == 1)
        let other = SignedRequests.response(service.handle(SignedRequests(F.base).organizations("DescribeOrganization")))
        #expect(other.status == 400 && SignedRequests.errorType(other) == "UnknownOperationException")
    }
}
