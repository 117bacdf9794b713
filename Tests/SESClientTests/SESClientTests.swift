import AWSClient
import AWSSigV4
import Foundation
import Logging
import SESClient
import Testing

/// SendEmail (Raw) against a scripted transport: the exact request SES v2 gets (path,
/// headers, host, the JSON body with the message as base64), the MessageId back, and every
/// refusal named by what to do about it.
@Suite struct SESClientTests {
    /// A MIME message with every byte value a real one could carry in its base64 lines, and
    /// the `&`, `%`, `=` and non-ASCII that must survive the JSON and base64 layers.
    static let message = Array(
        "From: reports@example.com\r\nTo: a@example.org\r\nSubject: Macie\r\n\r\nhttps://x/?a=1&b=%2F \u{e9}\r\n".utf8)

    static func client(_ transport: ScriptedTransport, environment: [String: String] = [:], attempts: Int = 1) -> AWSClient {
        let settings = AWSSettings(
            environment: environment, files: SharedConfigFiles(credentialsText: "", configText: ""),
            retry: RetryConfiguration(mode: .standard, maxAttempts: attempts))
        return AWSClient(
            settings: settings, transport: transport,
            credentials: RefreshingCredentials(GivenCredentials(.init(accessKeyId: "AKIDTEST", secretAccessKey: "secret"))),
            retry: RetryPolicy(settings.retry, random: { 0 }), logger: Logger(label: "test"),
            now: { Date(timeIntervalSince1970: 1_795_500_000) }, sleep: { _ in })
    }

    static func answer(_ status: Int, _ body: String, type: String? = nil) -> HTTPResponse {
        HTTPResponse(status: status, headers: type.map { [("x-amzn-ErrorType", $0)] } ?? [], body: Array(body.utf8))
    }

    /// The error `send` throws for an answer, after `attempts` tries.
    func refusal(_ response: HTTPResponse, attempts: Int = 1) async -> (error: SESError?, requests: Int) {
        let transport = ScriptedTransport { _ in response }
        let ses = SESClient(client: Self.client(transport, attempts: attempts), region: "eu-west-1")
        do throws(SESError) {
            _ = try await ses.sendRawEmail(Self.message, from: "reports@example.com", to: ["a@example.org"])
            return (nil, transport.requests.count)
        } catch {
            return (error, transport.requests.count)
        }
    }

    @Test func theRequestIsSendEmailRawWithTheMessageAsBase64() async throws {
        let transport = ScriptedTransport { _ in Self.answer(200, #"{"MessageId":"0100018f-abc-000000"}"#) }
        let ses = SESClient(client: Self.client(transport), region: "eu-west-1")
        let id = try await ses.sendRawEmail(
            Self.message, from: "reports@example.com", to: ["a@example.org", "b@example.net"])
        #expect(id == "0100018f-abc-000000")
        let request = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails")
        let headers = Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(headers["host"] == "email.eu-west-1.amazonaws.com")
        #expect(headers["content-type"] == "application/json")
        // Signed for SES (signing name `ses`, not the host prefix `email`) in the region.
        #expect(headers["authorization"]?.contains("Credential=AKIDTEST/20261124/eu-west-1/ses/aws4_request") == true)
        let base64 = Data(Self.message).base64EncodedString()
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"Content":{"Raw":{"Data":"\#(base64)"}},"Destination":{"ToAddresses":["a@example.org","b@example.net"]},"FromEmailAddress":"reports@example.com"}"#
        )
        let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        let data = ((json["Content"] as? [String: Any])?["Raw"] as? [String: Any])?["Data"] as? String
        #expect(data.flatMap { Data(base64Encoded: $0) }.map(Array.init) == Self.message)
    }

    @Test func theServiceEndpointVariableMovesOnlySES() async throws {
        let transport = ScriptedTransport { _ in Self.answer(200, #"{"MessageId":"id-1"}"#) }
        let client = Self.client(transport, environment: ["AWS_ENDPOINT_URL_SESV2": "http://127.0.0.1:4566"])
        #expect(SESClient.service.endpointVariable == "AWS_ENDPOINT_URL_SESV2")
        _ = try await SESClient(client: client, region: "us-east-1").sendRawEmail(
            Self.message, from: "r@example.com", to: ["a@example.org"])
        #expect(transport.requests.first?.url.absoluteString == "http://127.0.0.1:4566/v2/email/outbound-emails")
    }

    @Test func aMessageOverFortyMegabytesIsRefusedBeforeAnyRequest() async throws {
        let transport = ScriptedTransport { _ in Self.answer(200, #"{"MessageId":"id-1"}"#) }
        let ses = SESClient(client: Self.client(transport), region: "eu-west-1")
        #expect(SESClient.maximumMessageBytes == 41_943_040)
        let over = [UInt8](repeating: 65, count: 54_840_115)  // 52.3 MB
        do throws(SESError) {
            _ = try await ses.sendRawEmail(over, from: "r@example.com", to: ["a@example.org"])
            Issue.record("a 52.3 MB message was sent")
        } catch {
            #expect(error.isTooLarge)
            #expect(
                error.description
                    == "the message is 52.3 MB, over SES's 40 MB limit; use --mail-links to send links instead of attachments")
        }
        #expect(transport.requests.isEmpty)
        // Exactly the limit goes out.
        let limit = [UInt8](repeating: 65, count: SESClient.maximumMessageBytes)
        _ = try await ses.sendRawEmail(limit, from: "r@example.com", to: ["a@example.org"])
        #expect(transport.requests.count == 1)
    }

    @Test func recipientsAreCountedBeforeAnyRequest() async throws {
        let transport = ScriptedTransport { _ in Self.answer(200, #"{"MessageId":"id-1"}"#) }
        let ses = SESClient(client: Self.client(transport), region: "eu-west-1")
        let many = (1...51).map { "r\($0)@example.org" }
        await #expect(throws: SESError.self) { _ = try await ses.sendRawEmail(Self.message, from: "r@example.com", to: many) }
        await #expect(throws: SESError.self) { _ = try await ses.sendRawEmail(Self.message, from: "r@example.com", to: []) }
        #expect(transport.requests.isEmpty)
    }

    @Test(arguments: [
        (
            "MessageRejected",
            "Email address is not verified. The following identities failed the check in region EU-WEST-1: reports@example.com",
            "SES in eu-west-1 rejected the message: an address is not verified (SES said: Email address is not verified. The following identities failed the check in region EU-WEST-1: reports@example.com); verify the --mail-from address or its domain in SES in eu-west-1 (and, while the account is in the SES sandbox, every --mail-to address too)"
        ),
        (
            "MessageRejected", "Message length is more than 40 MB",
            "SES in eu-west-1 rejected the message as too large (SES said: Message length is more than 40 MB); SES takes at most 40 MB: use --mail-links to send links instead of attachments"
        ),
        (
            "MessageRejected", "Illegal header 'X'.",
            "SES in eu-west-1 rejected the message (SES said: Illegal header 'X'.); check the addresses and the reports attached, or use --mail-links"
        ),
        (
            "MailFromDomainNotVerifiedException", "MAIL FROM domain not verified",
            "SES in eu-west-1 cannot send: the custom MAIL FROM domain of the sender's identity is not verified (SES said: MAIL FROM domain not verified); publish its MX and SPF records, or turn the custom MAIL FROM domain off, in SES in eu-west-1"
        ),
        (
            "AccountSuspendedException", "",
            "SES sending is suspended for this account in eu-west-1 (SES said: bad request); see the SES console's reputation dashboard and contact AWS Support, or send with --smtp-url or --sendmail"
        ),
        (
            "SendingPausedException", "Sending paused for this account.",
            "SES sending is paused for this account in eu-west-1 (or for the configuration set) (SES said: Sending paused for this account.); resume it in the SES console's account dashboard, or send with --smtp-url or --sendmail"
        ),
        (
            "BadRequestException", "Missing FromEmailAddress",
            "SES SendEmail in eu-west-1 failed: BadRequestException (HTTP 400): Missing FromEmailAddress"
        ),
    ])
    func refusalsAreNamedByWhatToDo(_ type: String, _ said: String, _ expected: String) async throws {
        let body = said.isEmpty ? "" : #"{"message":"\#(said)"}"#
        let result = await refusal(Self.answer(400, body, type: type))
        #expect(result.error?.description == expected)
        #expect(result.requests == 1, "a permanent refusal is not retried")
        #expect(result.error?.cause?.errorCode == type)
    }

    @Test func quotasAndThrottlingAreRetriedThenNamed() async throws {
        let limit = await refusal(
            Self.answer(400, #"{"message":"Maximum sending rate exceeded."}"#, type: "LimitExceededException"), attempts: 3)
        #expect(limit.requests == 3)
        #expect(
            limit.error?.description
                == "SES in eu-west-1 refused the message over a sending quota (SES said: Maximum sending rate exceeded.); wait for the 24-hour quota to free up, or ask for a higher quota in the SES console"
        )
        let throttled = await refusal(
            Self.answer(429, #"{"message":"Too many requests"}"#, type: "TooManyRequestsException"), attempts: 3)
        #expect(throttled.requests == 3)
        #expect(
            throttled.error?.description
                == "SES in eu-west-1 was still throttling SendEmail after the retries (SES said: Too many requests); run again later, or raise AWS_MAX_ATTEMPTS"
        )
    }

    @Test func accessDeniedSaysWhichPermission() async throws {
        let denied = await refusal(
            Self.answer(
                403,
                #"{"Message":"User: arn:aws:sts::111122223333:assumed-role/r/s is not authorized to perform: ses:SendEmail"}"#,
                type: "AccessDeniedException"))
        #expect(
            denied.error?.description
                == "SES SendEmail in eu-west-1 was denied (SES said: User: arn:aws:sts::111122223333:assumed-role/r/s is not authorized to perform: ses:SendEmail); grant the run's identity ses:SendEmail on the sender's identity in eu-west-1"
        )
        // A 403 without a type is a denial too.
        let bare = await refusal(Self.answer(403, ""))
        #expect(bare.error?.description.hasPrefix("SES SendEmail in eu-west-1 was denied") == true)
    }

    @Test func anAnswerWithoutMessageIdIsNotTakenForSent() async throws {
        let result = await refusal(Self.answer(200, "{}"))
        #expect(
            result.error?.description
                == "SES SendEmail in eu-west-1 answered without a MessageId, so it is not known whether the message was accepted; check the SES sending statistics before sending again"
        )
    }

    @Test func noAnswerNamesTheEndpointVariableNotTheURL() async throws {
        let transport = ScriptedTransport { _ in throw TransportError(.connect, "connection refused") }
        let ses = SESClient(client: Self.client(transport), region: "eu-west-1")
        do throws(SESError) {
            _ = try await ses.sendRawEmail(Self.message, from: "r@example.com", to: ["a@example.org"])
            Issue.record("sent without an answer")
        } catch {
            #expect(
                error.description
                    == "SES in eu-west-1 did not answer: email.eu-west-1.amazonaws.com did not answer: connection refused; check the network, --ses-region and AWS_ENDPOINT_URL_SESV2"
            )
            #expect(!error.description.contains("https://"))
        }
    }

    @Test func aRegionThatIsNoRegionIsAUsageError() async throws {
        let transport = ScriptedTransport { _ in Self.answer(200, #"{"MessageId":"id-1"}"#) }
        let ses = SESClient(client: Self.client(transport), region: "eu west 1")
        do throws(SESError) {
            _ = try await ses.sendRawEmail(Self.message, from: "r@example.com", to: ["a@example.org"])
            Issue.record("sent to a region that is no region")
        } catch {
            #expect(error.isUsageError)
            #expect(error.description.hasPrefix("SES in eu west 1: "))
        }
        #expect(transport.requests.isEmpty)
    }
}


/// Answers every request with the scripted response (or failure), keeping each request.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []
    let answer: @Sendable (HTTPRequest) throws -> HTTPResponse
    init(_ answer: @escaping @Sendable (HTTPRequest) throws -> HTTPResponse) { self.answer = answer }
    var requests: [HTTPRequest] { lock.withLock { sent } }
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { sent.append(request) }
        return try answer(request)
    }
}
