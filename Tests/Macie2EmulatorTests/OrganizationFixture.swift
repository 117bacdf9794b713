import AWSSigV4
import Foundation
import JobFetch
import TestSupport

@testable import Macie2Emulator

/// A small organization, in memory: the home (management) account with the demo's us-east-1
/// jobs, and five others, one for each thing an account can be.
///
/// | account        | in org | Macie member      | roles                                   | Macie off  |
/// |----------------|--------|-------------------|-----------------------------------------|------------|
/// | home 1111…     | yes    | —                 | —                                       | sa-east-1  |
/// | payments 2222… | yes    | Enabled           | MacieReport                             | —          |
/// | data 3333…     | yes    | Paused            | MacieReport (external id `ext-1`)       | us-east-1  |
/// | partner 4444…  | no     | Invited           | MacieReport trusts 9999…; Audit         | —          |
/// | closed 5555…   | yes    | AccountSuspended  | MacieReport (account SUSPENDED)         | —          |
/// | legacy 6666…   | yes    | Removed           | —                                       | —          |
///
/// Payments holds the demo's eu-west-1 jobs and some findings; the others have no files.
enum OrganizationFixture {
    static let home = "111111111111"
    static let payments = "222222222222"
    static let data = "333333333333"
    static let partner = "444444444444"
    static let closed = "555555555555"
    static let legacy = "666666666666"
    static let base = AWSCredentials(accessKeyId: "AKIDHOME", secretAccessKey: "home-secret")

    static let accounts = AccountsFile(
        homeAccountId: home, organizationId: "o-testorg1234",
        accounts: [
            RecordedAccount(id: home, name: "management", inOrganization: true, macieOff: ["sa-east-1"]),
            RecordedAccount(
                id: payments, name: "payments", email: "payments@example.com", inOrganization: true, macieMember: "Enabled",
                roles: [.init(name: "MacieReport")]),
            RecordedAccount(
                id: data, name: "data", inOrganization: true, macieMember: "Paused",
                roles: [.init(name: "MacieReport", externalId: "ext-1")], macieOff: ["us-east-1"]),
            RecordedAccount(
                id: partner, name: "partner", email: "partner@example.com", macieMember: "Invited",
                roles: [.init(name: "MacieReport", trustedAccountId: "999999999999"), .init(name: "Audit")]),
            RecordedAccount(
                id: closed, name: "closed", status: "SUSPENDED", inOrganization: true, macieMember: "AccountSuspended",
                roles: [.init(name: "MacieReport")]),
            RecordedAccount(id: legacy, name: "legacy", inOrganization: true, macieMember: "Removed"),
        ])

    static let demo = try! SamplesJobSource.recordedJobsByScope(in: TestSupport.demoSamples)

    static func service(
        _ faults: FaultOptions = FaultOptions(), accounts: AccountsFile? = Self.accounts, macieOff: [Scope] = [],
        credentials: [AWSCredentials]? = [base], now: @escaping @Sendable () -> Date = { Macie2ServiceTests.now }
    ) -> Macie2Service {
        Macie2Service(
            scoped: [
                Scope(region: "us-east-1"): demo[Scope(region: "us-east-1")]!,
                Scope(accountId: payments, region: "eu-west-1"): demo[Scope(region: "eu-west-1")]!,
            ],
            scopedFindings: [
                Scope(accountId: payments, region: "eu-west-1"): [FindingCount(jobId: "j1", severity: "High", count: 3)]
            ], accounts: accounts, macieOff: macieOff, credentials: credentials, faults: faults, now: now)
    }

    /// AssumeRole into `account`'s `role` with the home credentials; the answer.
    static func assume(
        _ service: Macie2Service, _ account: String, role: String = "MacieReport", externalId: String? = nil,
        extra: [(String, String)] = [], as caller: SignedRequests = SignedRequests(base)
    ) -> EmulatorResponse {
        var parameters = [("RoleArn", "arn:aws:iam::\(account):role/\(role)"), ("RoleSessionName", "macie-report")]
        if let externalId { parameters.append(("ExternalId", externalId)) }
        return SignedRequests.response(service.handle(caller.sts("AssumeRole", parameters + extra)))
    }

    /// The credentials of a session in `account`, signing at the fixture's instant.
    static func session(_ service: Macie2Service, _ account: String, role: String = "MacieReport", externalId: String? = nil)
        -> SignedRequests?
    {
        SignedRequests(assumed: assume(service, account, role: role, externalId: externalId))
    }

    /// Every job id ListClassificationJobs returns in `region` to `client`, or the error type.
    static func jobIds(_ service: Macie2Service, _ client: SignedRequests, region: String) -> Result<[String], TypeError> {
        let answer = SignedRequests.response(service.handle(client.macie2("POST", "/jobs/list", body: "{}", region: region)))
        guard answer.status == 200 else {
            return .failure(TypeError(type: SignedRequests.errorType(answer) ?? "status \(answer.status)", status: answer.status))
        }
        return .success((SignedRequests.json(answer)["items"] as? [[String: Any]] ?? []).compactMap { $0["jobId"] as? String })
    }

    struct TypeError: Error, Equatable {
        var type: String
        var status: Int
    }
}
