import AWSSigV4
import Foundation
import JobFetch
import Testing

@testable import Macie2Emulator

/// STS AssumeRole: temporary credentials that belong to the role's account, the refusals a
/// trust policy gives, the validation STS does, and expiry.
@Suite struct AssumeRoleTests {
    typealias F = OrganizationFixture

    @Test func theAnswerIsAssumeRoleResponseXMLWithTemporaryCredentials() throws {
        let answer = F.assume(F.service(), F.payments)
        #expect(answer.status == 200)
        let xml = SignedRequests.text(answer)
        #expect(xml.contains("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"))
        #expect(xml.contains("<AssumeRoleResult>"))
        let key = try #require(SignedRequests.element("AccessKeyId", in: xml))
        #expect(key.hasPrefix("ASIA") && key.count == 20)
        #expect(SignedRequests.element("SecretAccessKey", in: xml)?.count == 40)
        #expect((SignedRequests.element("SessionToken", in: xml)?.count ?? 0) > 300)
        let expiry = ISO8601DateFormatter().date(from: try #require(SignedRequests.element("Expiration", in: xml)))
        #expect(expiry.map { abs($0.timeIntervalSince(Macie2ServiceTests.now) - 3600) < 1 } == true)
        #expect(SignedRequests.element("Arn", in: xml) == "arn:aws:sts::\(F.payments):assumed-role/MacieReport/macie-report")
        let roleId = try #require(SignedRequests.element("AssumedRoleId", in: xml))
        #expect(roleId.hasPrefix("AROA") && roleId.hasSuffix(":macie-report"))
    }

    @Test func temporaryCredentialsSeeTheRoleAccountsJobsOnly() throws {
        let service = F.service()
        let home = SignedRequests(F.base)
        #expect((try? F.jobIds(service, home, region: "us-east-1").get().count) == 30)
        #expect((try? F.jobIds(service, home, region: "eu-west-1").get()) == [])
        let payments = try #require(F.session(service, F.payments))
        #expect((try? F.jobIds(service, payments, region: "eu-west-1").get().count) == 25)
        #expect((try? F.jobIds(service, payments, region: "us-east-1").get()) == [])
        let homeJob = F.demo[Scope(region: "us-east-1")]![0].job.jobId!
        let describe = SignedRequests.response(service.handle(payments.macie2("GET", "/jobs/\(homeJob)")))
        #expect(describe.status == 404)
        let stats = SignedRequests.response(
            service.handle(
                payments.macie2(
                    "POST", "/findings/statistics", body: #"{"groupBy": "severity.description"}"#, region: "eu-west-1")))
        #expect(SignedRequests.text(stats).contains(#""count":3"#))
        #expect(service.counters.requests["AssumeRole"] == 1)
    }

    @Test func getCallerIdentityNamesTheRoleSession() throws {
        let service = F.service()
        let payments = try #require(F.session(service, F.payments))
        let xml = SignedRequests.text(SignedRequests.response(service.handle(payments.sts("GetCallerIdentity"))))
        #expect(SignedRequests.element("Account", in: xml) == F.payments)
        #expect(SignedRequests.element("Arn", in: xml) == "arn:aws:sts::\(F.payments):assumed-role/MacieReport/macie-report")
        #expect(SignedRequests.element("UserId", in: xml)?.hasSuffix(":macie-report") == true)
        let home = SignedRequests.text(SignedRequests.response(service.handle(SignedRequests(F.base).sts("GetCallerIdentity"))))
        #expect(SignedRequests.element("Arn", in: home) == "arn:aws:iam::\(F.home):user/macie-report")
    }

    @Test func aRoleThatDoesNotExistOrDoesNotTrustTheCallerIsAccessDenied() throws {
        let service = F.service()
        let refusals: [(String, String, String?)] = [
            (F.legacy, "MacieReport", nil),  // no role there
            ("777777777777", "MacieReport", nil),  // no such account
            (F.partner, "MacieReport", nil),  // trusts another account
            (F.data, "MacieReport", nil),  // external id missing
            (F.data, "MacieReport", "wrong"),  // external id wrong
            (F.closed, "MacieReport", nil),  // account suspended
        ]
        for (account, role, externalId) in refusals {
            let answer = F.assume(service, account, role: role, externalId: externalId)
            #expect(answer.status == 403, "\(account) \(role)")
            let xml = SignedRequests.text(answer)
            #expect(xml.contains("<ErrorResponse"))
            #expect(SignedRequests.element("Type", in: xml) == "Sender")
            #expect(SignedRequests.element("Code", in: xml) == "AccessDenied")
            #expect(
                SignedRequests.element("Message", in: xml)
                    == "User: arn:aws:iam::\(F.home):user/macie-report is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::\(account):role/\(role)"
            )
        }
        #expect(F.assume(service, F.data, externalId: "ext-1").status == 200)
        #expect(service.counters.refusals["assumeRoleDenied"] == refusals.count)
    }

    @Test func roleChainingIsRefusedWhenTheRoleTrustsOnlyTheHomeAccount() throws {
        let service = F.service()
        let payments = try #require(F.session(service, F.payments))
        let chained = F.assume(service, F.data, externalId: "ext-1", as: payments)
        #expect(chained.status == 403)
        #expect(SignedRequests.text(chained).contains("User: arn:aws:sts::\(F.payments):assumed-role/MacieReport/macie-report"))
    }

    @Test func denyAssumeRoleRefusesAnAccountWhateverItsRolesTrust() {
        var faults = FaultOptions()
        faults.deniedAssumeRoleAccounts = [F.payments]
        let service = F.service(faults)
        #expect(F.assume(service, F.payments).status == 403)
        #expect(service.counters.faults["deniedAssumeRole"] == 1)
        #expect(service.counters.refusals["assumeRoleDenied"] == nil)
    }

    @Test func malformedRequestsAreValidationErrors() {
        let service = F.service()
        let home = SignedRequests(F.base)
        let bad: [[(String, String)]] = [
            [("RoleArn", "arn:aws:iam::\(F.payments):role/MacieReport")],  // no session name
            [("RoleSessionName", "macie-report")],  // no role
            [("RoleArn", "arn:aws:iam::\(F.payments):user/someone"), ("RoleSessionName", "macie-report")],
            [("RoleArn", "arn:aws:iam::12345:role/MacieReport"), ("RoleSessionName", "macie-report")],
            [("RoleArn", "arn:aws:iam::\(F.payments):role/MacieReport"), ("RoleSessionName", "has space")],
            [("RoleArn", "arn:aws:iam::\(F.payments):role/MacieReport"), ("RoleSessionName", "x")],
            [("RoleArn", "arn:aws:iam::\(F.payments):role/MacieReport"), ("RoleSessionName", "s"), ("DurationSeconds", "899")],
            [("RoleArn", "arn:aws:iam::\(F.payments):role/MacieReport"), ("RoleSessionName", "ok"), ("DurationSeconds", "7200")],
        ]
        for parameters in bad {
            let answer = SignedRequests.response(service.handle(home.sts("AssumeRole", parameters)))
            #expect(answer.status == 400, "\(parameters)")
            #expect(SignedRequests.element("Code", in: SignedRequests.text(answer)) == "ValidationError", "\(parameters)")
        }
        #expect(service.counters.validationErrors == bad.count)
    }

    @Test func credentialsExpireAndAreThenRefusedAsExpiredToken() throws {
        let clock = TestClock(Macie2ServiceTests.now)
        let service = F.service(now: { clock.now })
        let answer = F.assume(service, F.payments, extra: [("DurationSeconds", "900")])
        let expiry = ISO8601DateFormatter().date(from: SignedRequests.element("Expiration", in: SignedRequests.text(answer))!)
        #expect(expiry.map { abs($0.timeIntervalSince(Macie2ServiceTests.now) - 900) < 1 } == true)
        var payments = try #require(SignedRequests(assumed: answer))
        #expect((try? F.jobIds(service, payments, region: "eu-west-1").get().count) == 25)
        clock.now = Macie2ServiceTests.now.addingTimeInterval(901)
        payments.date = clock.now
        #expect(throws: F.TypeError(type: "ExpiredTokenException", status: 403)) {
            try F.jobIds(service, payments, region: "eu-west-1").get()
        }
        let sts = SignedRequests.response(service.handle(payments.sts("GetCallerIdentity")))
        #expect(sts.status == 403 && SignedRequests.element("Code", in: SignedRequests.text(sts)) == "ExpiredToken")
        #expect(service.counters.refusals["expiredToken"] == 2)
    }

    @Test func sessionLifetimeShortensEverySession() throws {
        var faults = FaultOptions()
        faults.sessionLifetime = 60
        let answer = F.assume(F.service(faults), F.payments)
        let expiry = ISO8601DateFormatter().date(from: SignedRequests.element("Expiration", in: SignedRequests.text(answer))!)
        #expect(expiry.map { abs($0.timeIntervalSince(Macie2ServiceTests.now) - 60) < 1 } == true)
    }

    @Test func theSessionTokenMustBeSentAndTheKeysRepeatForASeed() throws {
        let service = F.service()
        var payments = try #require(F.session(service, F.payments))
        payments.credentials.sessionToken = "not-the-token"
        #expect(throws: F.TypeError(type: "InvalidSignatureException", status: 403)) {
            try F.jobIds(service, payments, region: "eu-west-1").get()
        }
        let first = SignedRequests(assumed: F.assume(F.service(), F.payments))?.credentials
        let again = SignedRequests(assumed: F.assume(F.service(), F.payments))?.credentials
        #expect(first == again)
    }

    @Test func withAnyCredentialsAcceptedAnIssuedKeyStillBelongsToItsRole() throws {
        let service = F.service(credentials: nil)
        let payments = try #require(F.session(service, F.payments))
        #expect((try? F.jobIds(service, payments, region: "eu-west-1").get().count) == 25)
    }
}

/// A clock a test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ start: Date) { value = start }
    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
