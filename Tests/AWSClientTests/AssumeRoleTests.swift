import AWSClient
import AWSSigV4
import Foundation
import TestSupport
import Testing

/// STS AssumeRole for another account's role on the run's one client: the request STS gets
/// (fields, signature, partition), refreshing before the session ends (a moved clock, never a
/// wait), and AccessDenied as the account's typed `role-denied` rather than a run failure.
@Suite struct AssumeRoleTests {
    static let base = AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret")
    static let member = "210987654321"

    /// STS's AssumeRole answer: keys numbered `n`, expiring at `expiration` (none when `nil`).
    static func answer(_ n: Int, expiration: Date?) -> String {
        let expires = expiration.map { "<Expiration>\(ISO8601DateFormatter().string(from: $0))</Expiration>" } ?? ""
        return """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
            <AssumedRoleUser><Arn>arn:aws:sts::\(member):assumed-role/MacieReport/macie-report</Arn></AssumedRoleUser>
            <Credentials><AccessKeyId>ASIAROLE\(n)</AccessKeyId><SecretAccessKey>role-secret-\(n)</SecretAccessKey>
            <SessionToken>role-token-\(n)</SessionToken>\(expires)</Credentials></AssumeRoleResult></AssumeRoleResponse>
            """
    }

    static func errorAnswer(_ status: Int, _ code: String, _ message: String) -> ScriptedHTTPServer.Response {
        .init(
            status,
            "<ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>\(message)</Message></Error></ErrorResponse>")
    }

    /// The form body's fields, decoded.
    static func form(_ request: ScriptedHTTPServer.Request) -> [String: String] {
        Dictionary(SigningRequest.parseQuery(String(decoding: request.body, as: UTF8.self)).map { ($0.name, $0.value) }) { $1 }
    }

    static func sts(_ server: ScriptedHTTPServer, region: String = "us-east-1", attempts: Int = 1) throws -> STS {
        STS(client: try AWSClientTests.client(endpoint: server.url, attempts: attempts), region: region)
    }

    static func role(externalId: String? = "ext-1") throws -> CrossAccountRole {
        try CrossAccountRole(name: "MacieReport", externalId: externalId)
    }

    @Test func theRequestIsAssumeRoleForTheMembersRoleSignedForSTSWithTheRunsKeys() async throws {
        let verifier = SigV4Verifier(credentials: [Self.base], service: "sts")
        let server = try ScriptedHTTPServer { request in
            let signed = SigningRequest(
                method: request.method, path: "/", headers: request.headers, payloadHash: SigV4.payloadHash(request.body))
            guard let verified = try? verifier.verify(signed, now: Date()), verified.region == "us-east-1" else {
                return Self.errorAnswer(403, "SignatureDoesNotMatch", "bad signature")
            }
            return .init(200, Self.answer(1, expiration: Date().addingTimeInterval(3600)))
        }
        defer { server.stop() }
        let provider = AssumedRoleCredentials(role: try Self.role(), account: Self.member, sts: try Self.sts(server))
        let found = try #require(try await provider.resolve())
        #expect(
            found.credentials
                == AWSCredentials(accessKeyId: "ASIAROLE1", secretAccessKey: "role-secret-1", sessionToken: "role-token-1"))
        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && request.uri == "/")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8")
        #expect(
            Self.form(request) == [
                "Action": "AssumeRole", "Version": "2011-06-15", "RoleArn": "arn:aws:iam::210987654321:role/MacieReport",
                "RoleSessionName": "macie-report", "ExternalId": "ext-1", "DurationSeconds": "3600",
            ])
        #expect(request.header("Authorization")?.contains("Credential=AKIDTEST/") == true)
        #expect(request.header("Authorization")?.contains("/us-east-1/sts/aws4_request") == true)
        #expect(server.requests.count == 1)
        // Without an external id, none is sent.
        let plain = AssumedRoleCredentials(role: try Self.role(externalId: nil), account: Self.member, sts: try Self.sts(server))
        _ = try await plain.resolve()
        #expect(Self.form(server.requests[1])["ExternalId"] == nil)
    }

    @Test(arguments: [
        ("us-east-1", "arn:aws:iam::210987654321:role/MacieReport"),
        ("cn-north-1", "arn:aws-cn:iam::210987654321:role/MacieReport"),
        ("us-gov-west-1", "arn:aws-us-gov:iam::210987654321:role/MacieReport"),
    ])
    func theRolesPartitionIsTheSTSRegions(_ region: String, _ arn: String) async throws {
        let server = try ScriptedHTTPServer { _ in .init(200, Self.answer(1, expiration: nil)) }
        defer { server.stop() }
        let provider = AssumedRoleCredentials(
            role: try Self.role(), account: Self.member, sts: try Self.sts(server, region: region))
        #expect(provider.roleArn == arn)
        _ = try await provider.resolve()
        #expect(Self.form(try #require(server.requests.first))["RoleArn"] == arn)
        #expect(server.requests.first?.header("Authorization")?.contains("/\(region)/sts/aws4_request") == true)
        #expect(
            try CrossAccountRole(name: "audit/MacieReport").arn(account: Self.member, region: region).hasSuffix(
                ":role/audit/MacieReport"))
    }

    @Test func credentialsAreAssumedAgainBeforeTheSessionEndsAndSharedUntilThen() async throws {
        let clock = Clock()
        let calls = CallCounter()
        let server = try ScriptedHTTPServer { _ in
            .init(200, Self.answer(calls.next(), expiration: clock.now.addingTimeInterval(3600)))
        }
        defer { server.stop() }
        let provider = AssumedRoleCredentials(role: try Self.role(), account: Self.member, sts: try Self.sts(server))
        let cache = RefreshingCredentials(provider, now: { clock.now })
        let first = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await cache.credentials().accessKeyId } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(first == ["ASIAROLE1"] && server.requests.count == 1, "concurrent callers share one AssumeRole")
        clock.advance(3000)  // 10 minutes left
        #expect(try await cache.credentials().accessKeyId == "ASIAROLE1")
        #expect(server.requests.count == 1)
        clock.advance(400)  // 200 seconds left: inside the 5-minute margin
        #expect(try await cache.credentials().accessKeyId == "ASIAROLE2")
        #expect(server.requests.count == 2)
    }

    @Test func anAnswerWithoutExpirationLastsTheSessionNotForEver() async throws {
        let clock = Clock()
        let calls = CallCounter()
        let server = try ScriptedHTTPServer { _ in .init(200, Self.answer(calls.next(), expiration: nil)) }
        defer { server.stop() }
        let provider = AssumedRoleCredentials(
            role: try Self.role(), account: Self.member, sts: try Self.sts(server), now: { clock.now })
        #expect(try await provider.resolve()?.expiration == clock.now.addingTimeInterval(3600))
        let cache = RefreshingCredentials(provider, now: { clock.now })
        #expect(try await cache.credentials().accessKeyId == "ASIAROLE2")
        clock.advance(3400)
        #expect(try await cache.credentials().accessKeyId == "ASIAROLE3")
    }

    @Test func accessDeniedIsTheAccountsTypedRoleDeniedAndSaysWhatToCheck() async throws {
        let server = try ScriptedHTTPServer { _ in
            Self.errorAnswer(
                403, "AccessDenied",
                "User: arn:aws:iam::111122223333:user/r is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role/MacieReport"
            )
        }
        defer { server.stop() }
        let client = try AWSClientTests.client(endpoint: server.url, attempts: 3)
        let role = client.assumingRole(try Self.role(), in: Self.member, stsRegion: "us-east-1")
        let error = try await #require(throws: RoleAssumptionError.self) { try await role.checkCredentials() }
        #expect(error.isDenied && error.account == Self.member)
        #expect(error.roleArn == "arn:aws:iam::210987654321:role/MacieReport")
        #expect(error.cause.errorCode == "AccessDenied" && error.cause.status == 403)
        #expect(error.description.contains("check that the role exists in that account"))
        #expect(error.description.contains("trust policy") && error.description.contains("--external-id"))
        #expect(!error.description.contains("ext-1"), "the external id itself is not repeated")
        #expect(server.requests.count == 1, "a refusal is not retried")
        // Any call of the account stops at signing: nothing is sent to the service.
        await #expect(throws: RoleAssumptionError.self) {
            _ = try await role.send(
                .restJSON("ListMembers", method: "GET", path: "/members"), to: AWSClientTests.macie, region: "us-east-1")
        }
        #expect(server.requests.allSatisfy { $0.uri == "/" && $0.method == "POST" })
        let noExternalId = try await #require(throws: RoleAssumptionError.self) {
            try await client.assumingRole(try Self.role(externalId: nil), in: Self.member, stsRegion: "us-east-1")
                .checkCredentials()
        }
        #expect(noExternalId.description.contains("whether its trust policy requires an external id"))
    }

    @Test func theRunsOwnBadKeysAreNotOneAccountsProblem() async throws {
        let server = try ScriptedHTTPServer { _ in
            Self.errorAnswer(403, "InvalidClientTokenId", "The security token included in the request is invalid.")
        }
        defer { server.stop() }
        let provider = AssumedRoleCredentials(role: try Self.role(), account: Self.member, sts: try Self.sts(server))
        let error = try await #require(throws: AWSError.self) { _ = try await provider.resolve() }
        #expect(error.isCredentialProblem)
    }

    @Test func throttlingIsRetriedAndServerErrorsBecomeAFailedAccountAfterTheAttempts() async throws {
        let calls = CallCounter()
        let throttled = try ScriptedHTTPServer { _ in
            calls.next() == 1 ? Self.errorAnswer(400, "Throttling", "Rate exceeded") : .init(200, Self.answer(1, expiration: nil))
        }
        defer { throttled.stop() }
        let found = try await AssumedRoleCredentials(
            role: try Self.role(), account: Self.member, sts: try Self.sts(throttled, attempts: 3)
        ).resolve()
        #expect(found?.credentials.accessKeyId == "ASIAROLE1" && throttled.requests.count == 2)

        let failing = try ScriptedHTTPServer { _ in Self.errorAnswer(503, "ServiceUnavailable", "try later") }
        defer { failing.stop() }
        let error = try await #require(throws: RoleAssumptionError.self) {
            _ = try await AssumedRoleCredentials(
                role: try Self.role(), account: Self.member, sts: try Self.sts(failing, attempts: 3)
            ).resolve()
        }
        #expect(!error.isDenied && failing.requests.count == 3)
        #expect(
            error.description.hasPrefix("account 210987654321: AssumeRole on arn:aws:iam::210987654321:role/MacieReport failed"))
    }

    @Test(
        arguments: [
            ("Macie Report", nil, "macie-report", 3600, "--role-name"),
            ("", nil, "macie-report", 3600, "--role-name"),
            ("a//b", nil, "macie-report", 3600, "--role-name"),
            (String(repeating: "r", count: 65), nil, "macie-report", 3600, "--role-name"),
            ("MacieReport", "x", "macie-report", 3600, "--external-id"),
            ("MacieReport", "has space", "macie-report", 3600, "--external-id"),
            ("MacieReport", nil, "a", 3600, "--role-session-name"),
            ("MacieReport", nil, "macie/report", 3600, "--role-session-name"),
            ("MacieReport", nil, "macie-report", 899, "900 to 43200"),
            ("MacieReport", nil, "macie-report", 43201, "900 to 43200"),
        ] as [(String, String?, String, Int, String)])
    func roleSettingsSTSWouldRefuseAreUsageErrorsUpFront(
        _ name: String, _ externalId: String?, _ session: String, _ duration: Int, _ named: String
    ) throws {
        let error = try #require(throws: AWSError.self) {
            try CrossAccountRole(name: name, externalId: externalId, sessionName: session, durationSeconds: duration)
        }
        #expect(error.isUsageError && error.message.contains(named), "\(error)")
    }

    @Test func defaultsAreTheIssuesAndValidValuesAreKept() throws {
        let role = try CrossAccountRole(name: "MacieReport")
        #expect(role.sessionName == "macie-report" && role.durationSeconds == 3600 && role.externalId == nil)
        let full = try CrossAccountRole(
            name: "audit/Macie+Report=1,x.y@z_-", externalId: "Ext:ID/1+=,.@_-", sessionName: "nightly.run@corp",
            durationSeconds: 900)
        #expect(
            full.arn(account: Self.member, region: "eu-west-1") == "arn:aws:iam::210987654321:role/audit/Macie+Report=1,x.y@z_-")
    }
}
