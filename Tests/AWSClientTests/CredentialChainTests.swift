import AWSClient
import AWSSigV4
import Foundation
import TestSupport
import Testing

/// Each source of the default chain, with temporary config files and loopback servers
/// standing in for STS, the container endpoint and IMDS. Nothing here leaves 127.0.0.1.
@Suite(.serialized) struct CredentialChainTests {
    let transport = try! AsyncHTTPClientTransport()

    func base(_ extra: [String: String] = [:]) -> [String: String] {
        ["HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true"].merging(extra) { _, new in new }
    }

    func chain(_ environment: [String: String], profile: String? = nil, files: SharedConfigFiles? = nil) -> CredentialChain {
        CredentialChain.standard(
            environment: environment, profile: profile, files: files ?? (try! SharedConfigFiles.load(environment: environment)),
            transport: transport, stsRegion: "us-east-1")
    }

    static func stsXML(_ key: String, _ token: String) -> String {
        """
        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
        <AccessKeyId>\(key)</AccessKeyId><SecretAccessKey>sts-secret&amp;1</SecretAccessKey><SessionToken>\(token)</SessionToken>
        <Expiration>2030-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>
        """
    }

    @Test func environmentComesFirst() async throws {
        let found = try await chain(base(["AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t"]))
            .resolve()
        #expect(found?.credentials == AWSCredentials(accessKeyId: "AKENV", secretAccessKey: "s", sessionToken: "t"))
        await #expect(throws: AWSError.self) {
            _ = try await chain(base(["AWS_ACCESS_KEY_ID": "AKENV"])).resolve()
        }
        #expect(try await chain(base()).resolve() == nil)
    }

    @Test func profilesComeFromBothSharedFiles() async throws {
        let folder = try TestSupport.folder(with: [
            "credentials":
                "[default]\naws_access_key_id = AKDEFAULT\naws_secret_access_key = d\n\n[ops] # team\naws_access_key_id=AKOPS\naws_secret_access_key=o ; comment\naws_session_token=tok\n",
            "config":
                "[default]\nregion = eu-west-1\n[profile ops]\nregion=us-west-2\n[sso-session corp]\nsso_region=us-east-1\n",
        ])
        let env = base([
            "AWS_SHARED_CREDENTIALS_FILE": folder.appendingPathComponent("credentials").path,
            "AWS_CONFIG_FILE": folder.appendingPathComponent("config").path,
        ])
        let files = try SharedConfigFiles.load(environment: env)
        #expect(files.profiles["ops"]?["region"] == "us-west-2")
        #expect(files.profiles["default"]?["region"] == "eu-west-1")
        #expect(files.profiles["corp"] == nil)
        #expect(try await chain(env).resolve()?.credentials.accessKeyId == "AKDEFAULT")
        let ops = try await chain(env, profile: "ops").resolve()?.credentials
        #expect(ops == AWSCredentials(accessKeyId: "AKOPS", secretAccessKey: "o", sessionToken: "tok"))
        // AWS_PROFILE works like --profile, and an explicit profile wins over environment keys.
        let viaEnv = try await chain(
            env.merging(["AWS_PROFILE": "ops", "AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "x"]) { $1 }
        ).resolve()
        #expect(viaEnv?.credentials.accessKeyId == "AKOPS")
        await #expect(throws: AWSError.self) { _ = try await chain(env, profile: "missing").resolve() }
    }

    @Test func credentialProcessIsRunAndRead() async throws {
        let folder = try TestSupport.folder(with: [
            "good.sh":
                #"echo '{"Version": 1, "AccessKeyId": "AKPROC", "SecretAccessKey": "p", "SessionToken": "pt", "Expiration": "2030-01-01T00:00:00Z"}'"#,
            "bad.sh": "echo 'oops' >&2; exit 3",
        ])
        let config =
            "[profile good]\ncredential_process = sh \(folder.path)/good.sh\n[profile bad]\ncredential_process = sh \(folder.path)/bad.sh\n"
        let files = SharedConfigFiles(credentialsText: "", configText: config)
        let good = try await chain(base(), profile: "good", files: files).resolve()
        #expect(good?.credentials == AWSCredentials(accessKeyId: "AKPROC", secretAccessKey: "p", sessionToken: "pt"))
        #expect(good?.expiration == ISO8601DateFormatter().date(from: "2030-01-01T00:00:00Z"))
        await #expect {
            _ = try await chain(base(), profile: "bad", files: files).resolve()
        } throws: { "\($0)".contains("exited with status 3") }
    }

    @Test func roleArnWithSourceProfileAssumesTheRoleThroughSTS() async throws {
        let source = AWSCredentials(accessKeyId: "AKSOURCE", secretAccessKey: "source-secret")
        let verifier = SigV4Verifier(credentials: [source], service: "sts")
        let sts = try ScriptedHTTPServer { request in
            let signed = SigningRequest(
                method: request.method, path: "/", headers: request.headers, payloadHash: SigV4.payloadHash(request.body))
            guard (try? verifier.verify(signed, now: Date())) != nil else {
                return .init(403, "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>")
            }
            let form = String(decoding: request.body, as: UTF8.self)
            guard form.contains("Action=AssumeRole&"),
                form.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FAuditor"),
                form.contains("ExternalId=ext-1")
            else { return .init(400, "<ErrorResponse><Error><Code>Bad</Code><Message>\(form)</Message></Error></ErrorResponse>") }
            return .init(200, Self.stsXML("ASIAROLE", "role-token"))
        }
        defer { sts.stop() }
        let config = """
            [profile base]
            aws_access_key_id = AKSOURCE
            aws_secret_access_key = source-secret
            [profile auditor]
            role_arn = arn:aws:iam::123456789012:role/Auditor
            source_profile = base
            external_id = ext-1
            [profile loop-a]
            role_arn = arn:aws:iam::1:role/A
            source_profile = loop-b
            [profile loop-b]
            role_arn = arn:aws:iam::1:role/B
            source_profile = loop-a
            """
        let files = SharedConfigFiles(credentialsText: "", configText: config)
        let env = base(["AWS_ENDPOINT_URL_STS": sts.url])
        let role = try await chain(env, profile: "auditor", files: files).resolve()
        #expect(
            role?.credentials
                == AWSCredentials(accessKeyId: "ASIAROLE", secretAccessKey: "sts-secret&1", sessionToken: "role-token"))
        #expect(role?.expiration == ISO8601DateFormatter().date(from: "2030-01-01T00:00:00Z"))
        #expect(sts.requests.count == 1)
        await #expect {
            _ = try await chain(env, profile: "loop-a", files: files).resolve()
        } throws: { "\($0)".contains("source_profile loop") }
    }

    @Test func webIdentityTokenIsTradedWithSTS() async throws {
        let folder = try TestSupport.folder(with: ["token": "eyJhbGciOi.jwt.token\n"])
        let sts = try ScriptedHTTPServer { request in
            let form = String(decoding: request.body, as: UTF8.self)
            guard request.header("Authorization") == nil, form.contains("Action=AssumeRoleWithWebIdentity"),
                form.contains("WebIdentityToken=eyJhbGciOi.jwt.token&") || form.hasSuffix("WebIdentityToken=eyJhbGciOi.jwt.token")
            else { return .init(400, "<ErrorResponse><Error><Code>Bad</Code></Error></ErrorResponse>") }
            return .init(
                200, Self.stsXML("ASIAWEB", "web-token").replacingOccurrences(of: "AssumeRole", with: "AssumeRoleWithWebIdentity")
            )
        }
        defer { sts.stop() }
        let env = base([
            "AWS_WEB_IDENTITY_TOKEN_FILE": folder.appendingPathComponent("token").path,
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/Pod", "AWS_ENDPOINT_URL_STS": sts.url,
        ])
        #expect(try await chain(env).resolve()?.credentials.accessKeyId == "ASIAWEB")
    }

    @Test func containerEndpointIsAskedWithItsAuthorizationToken() async throws {
        let folder = try TestSupport.folder(with: ["auth": "Bearer pod-token\n"])
        let endpoint = try ScriptedHTTPServer { request in
            guard request.header("Authorization") == "Bearer pod-token" else { return .init(401, "") }
            return .init(
                200, #"{"AccessKeyId":"ASIAECS","SecretAccessKey":"e","Token":"et","Expiration":"2030-01-01T00:00:00Z"}"#)
        }
        defer { endpoint.stop() }
        let env = base([
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": endpoint.url + "/v2/credentials",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": folder.appendingPathComponent("auth").path,
        ])
        let found = try await chain(env).resolve()
        #expect(found?.credentials == AWSCredentials(accessKeyId: "ASIAECS", secretAccessKey: "e", sessionToken: "et"))
        #expect(endpoint.requests.map(\.uri) == ["/v2/credentials"])
        // A plain-http endpoint that is not loopback or the ECS/EKS address is refused unasked.
        await #expect {
            _ = try await chain(base(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://192.0.2.1/creds"])).resolve()
        } throws: { "\($0)".contains("must be https, or http on a loopback") }
    }

    @Test func instanceMetadataIsAskedTheIMDSv2Way() async throws {
        let imds = try ScriptedHTTPServer { request in
            switch (request.method, request.uri) {
            case ("PUT", "/latest/api/token"):
                return request.header("X-aws-ec2-metadata-token-ttl-seconds") == "21600" ? .init(200, "session-1") : .init(400)
            case (_, _) where request.header("X-aws-ec2-metadata-token") != "session-1":
                return .init(401)
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return .init(200, "ReportRole\n")
            case ("GET", "/latest/meta-data/iam/security-credentials/ReportRole"):
                return .init(
                    200,
                    #"{"Code":"Success","AccessKeyId":"ASIAEC2","SecretAccessKey":"i","Token":"it","Expiration":"2030-01-01T00:00:00Z"}"#
                )
            default:
                return .init(404)
            }
        }
        defer { imds.stop() }
        let env = ["HOME": "/nonexistent", "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url]
        #expect(try await chain(env).resolve()?.credentials.accessKeyId == "ASIAEC2")
        #expect(imds.requests.map(\.method) == ["PUT", "GET", "GET"])
        let disabled = env.merging(["AWS_EC2_METADATA_DISABLED": "true"]) { $1 }
        #expect(try await chain(disabled).resolve() == nil)
        #expect(imds.requests.count == 3, "disabled means not asked at all")
    }
}

extension ExpiringCredentials: Equatable {
    public static func == (a: Self, b: Self) -> Bool { a.credentials == b.credentials && a.expiration == b.expiration }
}
