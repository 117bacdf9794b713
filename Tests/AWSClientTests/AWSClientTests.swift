import AWSClient
import AWSSigV4
import Foundation
import Logging
import TestSupport
import Testing

/// The one client: addressing, error decoding per protocol, retry classification, and what
/// it refuses to do (follow a redirect, wait for ever, repeat a server's secrets).
@Suite struct AWSClientTests {
    static let logs = AWSService(
        signingName: "logs", endpointPrefix: "logs", serviceId: "CloudWatch Logs",
        wireProtocol: .json(targetPrefix: "Logs_20140328"))
    static let macie = AWSService(signingName: "macie2", endpointPrefix: "macie2", serviceId: "Macie2", wireProtocol: .restJSON)

    static func client(
        endpoint: String?, transport: (any HTTPTransport)? = nil, attempts: Int = 1, timeout: TimeInterval = 30
    ) throws -> AWSClient {
        var settings = AWSSettings(
            environment: [:], files: SharedConfigFiles(credentialsText: "", configText: ""),
            endpointOverride: try endpoint.map { try AWSEndpoints.parse($0, from: "test") },
            retry: RetryConfiguration(mode: .standard, maxAttempts: attempts))
        settings.requestTimeout = timeout
        return AWSClient(
            settings: settings, transport: try transport ?? AsyncHTTPClientTransport(),
            credentials: RefreshingCredentials(GivenCredentials(.init(accessKeyId: "AKIDTEST", secretAccessKey: "secret"))),
            retry: RetryPolicy(settings.retry, random: { 0 }), logger: Logger(label: "test"), sleep: { _ in })
    }

    func failure(_ body: () async throws -> Void) async -> AWSError? {
        do {
            try await body()
            return nil
        } catch let error as AWSError {
            return error
        } catch {
            Issue.record("not an AWSError: \(error)")
            return nil
        }
    }

    static func response(_ status: Int, _ body: String, headers: [(name: String, value: String)] = []) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    func decode(_ response: HTTPResponse, _ service: AWSService) async -> AWSError? {
        let transport = ScriptedTransport { _ in response }
        let client = try! Self.client(endpoint: "http://127.0.0.1:1", transport: transport)
        return await failure {
            _ = try await client.send(.restJSON("Op", method: "GET", path: "/x"), to: service, region: "us-east-1")
        }
    }

    @Test func errorAnswersAreReadTheWayEachProtocolWritesThem() async throws {
        // rest-json: the header names the shape, before any ':'.
        let rest = await decode(
            Self.response(
                403, #"{"message":"User is not authorized"}"#,
                headers: [("x-amzn-ErrorType", "AccessDeniedException:http://internal.amazon.com/")]), Self.macie)
        #expect(rest?.errorCode == "AccessDeniedException" && rest?.status == 403 && rest?.isAccessDenied == true)
        #expect(rest?.message == "User is not authorized")
        // json 1.1: __type in the body, after the namespace; a 400 that is throttling.
        let json = await decode(
            Self.response(400, #"{"__type":"com.amazonaws.logs#ThrottlingException","message":"Rate exceeded"}"#), Self.logs)
        #expect(json?.errorCode == "ThrottlingException" && json?.failureKind == .throttling)
        // query: XML Error/Code.
        let query = await decode(
            Self.response(
                400,
                "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>"
            ), .sts)
        #expect(query?.errorCode == "Throttling" && query?.failureKind == .throttling && query?.message == "Rate exceeded")
        // No type at all: named by its status, and a 404 is "not found", never "access denied".
        let bare = await decode(Self.response(404, "<html>nope</html>"), Self.macie)
        #expect(bare?.errorCode == nil && bare?.isNotFound == true && bare?.isAccessDenied == false)
        #expect(bare?.description.hasPrefix("HTTP 404: not found") == true)
        let unavailable = await decode(Self.response(503, ""), Self.macie)
        #expect(unavailable?.failureKind == .transient)
        let expired = await decode(Self.response(403, "", headers: [("x-amzn-ErrorType", "ExpiredTokenException")]), Self.macie)
        #expect(expired?.isCredentialProblem == true && expired?.failureKind == .permanent)
    }

    @Test func throttlingIsRetriedUpToTheAttemptsAllowed() async throws {
        let transport = ScriptedTransport { _ in
            Self.response(429, #"{"message":"slow down"}"#, headers: [("x-amzn-ErrorType", "TooManyRequestsException")])
        }
        let client = try Self.client(endpoint: "http://127.0.0.1:1", transport: transport, attempts: 4)
        let error = await failure {
            _ = try await client.send(.restJSON("Op", method: "GET", path: "/x"), to: Self.macie, region: "us-east-1")
        }
        #expect(error?.errorCode == "TooManyRequestsException")
        #expect(transport.count == 4)
        let once = await failure {
            _ = try await client.send(
                .restJSON("Op", method: "GET", path: "/x"), to: Self.macie, region: "us-east-1", limits: .init(attempts: 1))
        }
        #expect(once != nil && transport.count == 5, "a call's own limit of one attempt is one request")
    }

    @Test func endpointsFollowOneRuleForEveryService() throws {
        let environment = [
            "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://logs.local:4566", "AWS_ENDPOINT_URL": "https://everything.local",
        ]
        let override = try AWSEndpoints.parse("http://127.0.0.1:9000", from: "--endpoint-url")
        func resolve(_ service: AWSService, _ region: String = "eu-west-1", override: URL? = nil) throws -> String {
            try AWSEndpoints.resolve(service, region: region, override: override, environment: environment).absoluteString
        }
        #expect(try resolve(Self.logs, override: override) == "http://127.0.0.1:9000", "the flag before the environment")
        #expect(try resolve(Self.logs) == "http://logs.local:4566", "the service's own variable, from its service id")
        #expect(try resolve(Self.macie) == "https://everything.local", "then AWS_ENDPOINT_URL")
        #expect(
            try AWSEndpoints.resolve(.sts, region: "eu-west-1", override: nil, environment: [:]).absoluteString
                == "https://sts.eu-west-1.amazonaws.com")
        #expect(
            try AWSEndpoints.resolve(Self.macie, region: "cn-north-1", override: nil, environment: [:]).absoluteString
                == "https://macie2.cn-north-1.amazonaws.com.cn")
        #expect(Self.logs.endpointVariable == "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")
    }

    @Test(arguments: [
        ("http://127.0.0.1:70000", "port 70000 is outside 1-65535"), ("ftp://host", "the scheme must be http or https"),
        ("http://", "it has no host"), ("not a url", "is not a usable endpoint"), ("https://h/?a=1", "query or fragment"),
    ])
    func badEndpointsAreUsageErrorsNamingTheValue(_ text: String, _ reason: String) throws {
        #expect {
            try AWSEndpoints.parse(text, from: "--endpoint-url")
        } throws: { error in
            let error = error as? AWSError
            return error?.isUsageError == true && error!.description.contains(reason)
                && error!.description.contains("--endpoint-url")
        }
    }

    @Test func regionsMustLookLikeRegions() throws {
        for good in ["us-east-1", "us-gov-west-1", "cn-north-1", "eu-isoe-west-1", "ap-southeast-5"] {
            #expect(AWSRegion.isValid(good), "\(good)")
        }
        for bad in [
            "us east-1", "us-east-1/x", "us-east-1 ", "US-EAST-1", "", "us-east", "us-east-1\n", "..", "us-east-1.evil.com",
        ] {
            #expect(!AWSRegion.isValid(bad), "\(bad)")
        }
        let settings = AWSSettings(
            environment: ["AWS_REGION": "us-east-1 "], files: SharedConfigFiles(credentialsText: "", configText: ""))
        #expect {
            try settings.regions(explicit: [])
        } throws: { error in
            let error = error as? AWSError
            return error?.isUsageError == true
                && error!.description.contains("AWS_REGION 'us-east-1\\u{20}' is not an AWS region")
        }
    }

    @Test func textFromServersIsCleanedBoundedAndMasked() {
        let hostile = "denied\u{1B}[2K\rOK\u{202E} " + String(repeating: "x", count: 5_000_000)
        let cleaned = ServerText.oneLine(hostile)
        #expect(cleaned.hasPrefix("denied [2K OK "))
        #expect(cleaned.count <= ServerText.maximumLength + 1)
        #expect(!cleaned.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
        let echoed = ServerText.oneLine(
            "bad request: X-Amz-Security-Token: FQoGZXIvYXdzEJr//secret Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261203 {\"SessionToken\":\"tok123\"} key AKIAIOSFODNN7EXAMPLE"
        )
        for secret in ["FQoGZXIvYXdzEJr//secret", "AKIAIOSFODNN7EXAMPLE", "tok123", "AWS4-HMAC-SHA256"] {
            #expect(!echoed.contains(secret), "\(secret) leaked in \(echoed)")
        }
        #expect(echoed.contains("bad request"))
    }

    @Test func aRedirectIsAnErrorAndIsNotFollowed() async throws {
        let server = try ScriptedHTTPServer { request in
            request.uri == "/jobs/list"
                ? .init(301, "", headers: [("Location", "http://127.0.0.1:9/elsewhere")]) : .init(200, #"{"items":[]}"#)
        }
        defer { server.stop() }
        let client = try Self.client(endpoint: server.url)
        let error = await failure {
            _ = try await client.send(
                .restJSON("ListClassificationJobs", method: "POST", path: "/jobs/list", json: Array("{}".utf8)), to: Self.macie,
                region: "us-east-1")
        }
        #expect(error?.status == 301)
        #expect(error?.description.contains("redirects are not followed") == true)
        #expect(server.requests.map(\.uri) == ["/jobs/list"])
    }

    @Test func aBodyTrickledByteByByteHitsTheRequestDeadline() async throws {
        let server = try TricklingServer()
        defer { server.stop() }
        let client = try Self.client(endpoint: "http://127.0.0.1:\(server.port)", timeout: 1.5)
        let error = await failure {
            _ = try await client.send(.restJSON("Op", method: "GET", path: "/x"), to: Self.macie, region: "us-east-1")
        }
        #expect(error?.isUnreachable == true)
        #expect(error?.description.contains("within 1 s") == true || error?.description.contains("within 2 s") == true)
    }

    @Test func anUnreadableSharedFileIsAnErrorNotASkip() throws {
        let folder = try TestSupport.scratchDirectory("aws")
        let environment = ["HOME": folder.path, "AWS_SHARED_CREDENTIALS_FILE": folder.path]
        #expect {
            try SharedConfigFiles.load(environment: environment)
        } throws: { "\($0)".hasPrefix("AWS credentials file \(folder.path) is a directory, not a regular file; fix it") }
        // Missing files are simply empty.
        #expect(try SharedConfigFiles.load(environment: ["HOME": folder.path]).profiles.isEmpty)
    }
}
