import AWSSigV4
import Foundation
import Logging

/// One client for every AWS service a run calls: it addresses a request (``AWSEndpoints``),
/// signs it (SigV4, with credentials fetched fresh from the chain), sends it with a deadline,
/// retries it by the SDKs' rules (``RetryPolicy``: modes, attempts, a quota shared by every
/// call of the run), and turns an error answer into an ``AWSError`` by the service's
/// protocol. Services are thin tables of operations on top (Macie2, STS, ...).
///
/// A value type over shared references: copies share the transport, the credentials and the
/// retry state. Make one per run with ``withAWSClient(_:maxConnections:stsRegion:logger:_:)``.
public struct AWSClient: Sendable {
    /// The run's resolved settings: endpoints, request timeouts and the retry configuration come from here.
    public let settings: AWSSettings
    let transport: any HTTPTransport
    let credentials: RefreshingCredentials?
    /// The run's retry state: one quota and one rate limiter for every call.
    public let retry: RetryPolicy
    let logger: Logger
    let now: @Sendable () -> Date
    let sleep: @Sendable (TimeInterval) async throws -> Void

    /// Usually made by ``withAWSClient(_:maxConnections:stsRegion:logger:_:)``. With `credentials` `nil`, a call
    /// signed `.client` throws, so only `.keys` and `.anonymous` calls work (the chain's own STS client is such a
    /// one); `retry` `nil` starts a fresh policy from `settings.retry`; `now` and `sleep` are there for tests.
    public init(
        settings: AWSSettings, transport: any HTTPTransport, credentials: RefreshingCredentials?, retry: RetryPolicy? = nil,
        logger: Logger, now: @escaping @Sendable () -> Date = Date.init,
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }
    ) {
        self.settings = settings
        self.transport = transport
        self.credentials = credentials
        self.retry = retry ?? RetryPolicy(settings.retry)
        self.logger = logger
        self.now = now
        self.sleep = sleep
    }

    /// The same client signing with other credentials (a role in another account, say).
    public func signing(with credentials: RefreshingCredentials) -> AWSClient {
        AWSClient(
            settings: settings, transport: transport, credentials: credentials, retry: retry, logger: logger, now: now,
            sleep: sleep)
    }

    /// The same client with retry state of its own (quota, adaptive rate), for an account
    /// whose throttling must slow only its own requests.
    public func withOwnRetryState() -> AWSClient {
        AWSClient(
            settings: settings, transport: transport, credentials: credentials, retry: RetryPolicy(settings.retry),
            logger: logger, now: now, sleep: sleep)
    }

    /// How a call is signed.
    public enum Signing: Sendable {
        /// With the client's credentials (the chain's, refreshed before they expire).
        case client
        /// With these keys (STS AssumeRole signs with the source profile's).
        case keys(AWSCredentials)
        /// Not at all (AssumeRoleWithWebIdentity: the token is the proof).
        case anonymous
    }

    /// Limits for one call, for calls that must not hold the run up (a best-effort lookup).
    public struct CallLimits: Sendable {
        /// Attempts in all, the first included; `nil` means the retry configuration's.
        public var attempts: Int?
        /// Seconds one attempt's whole exchange may take; `nil` means ``AWSSettings/requestTimeout``. The
        /// time to send the body at 2 Mbit/s is added either way.
        public var timeout: TimeInterval?
        /// Both `nil` by default: the run's usual limits.
        public init(attempts: Int? = nil, timeout: TimeInterval? = nil) {
            self.attempts = attempts
            self.timeout = timeout
        }
    }

    /// Sends one operation and returns its successful (2xx) answer; an error answer, no
    /// answer, or a redirect throws ``AWSError`` after the retries the policy allows.
    public func send(
        _ request: AWSRequest, to service: AWSService, region: String, signing: Signing = .client,
        limits: CallLimits = CallLimits()
    ) async throws -> HTTPResponse {
        let endpoint = try AWSEndpoints.prefixed(settings.endpoint(service, region: region), request.hostPrefix)
        let (url, path) = try AWSEndpoints.url(endpoint, path: request.path, query: request.query)
        let maxAttempts = limits.attempts ?? retry.configuration.maxAttempts
        var attempt = 0
        var spent = 0
        while true {
            attempt += 1
            try await retry.beforeAttempt()
            let failure: AWSError
            do {
                let signed = try await sign(request, path: path, host: endpoint, service: service, region: region, signing)
                let response = try await transport.send(
                    HTTPRequest(
                        method: request.method, url: url, headers: signed, body: request.body,
                        timeout: (limits.timeout ?? settings.requestTimeout) + Self.sendingTime(request.body.count)))
                if (200..<300).contains(response.status) {
                    await retry.recordSuccess(retriedWithCost: spent)
                    return response
                }
                failure = ErrorResponse.decode(response, service.wireProtocol)
            } catch let error as TransportError {
                failure = .noAnswer("\(AWSEndpoints.hostHeader(endpoint)) did not answer: \(error.description)", cause: error)
            }
            let kind = failure.failureKind
            guard attempt < maxAttempts, let delay = await retry.delayBeforeRetry(after: kind, attempt: attempt) else {
                throw failure
            }
            spent += RetryPolicy.cost(of: kind)
            logger.debug(
                "retrying",
                metadata: [
                    "operation": "\(request.operation)", "region": "\(region)", "attempt": "\(attempt + 1)",
                    "delay.ms": "\(Int(delay * 1000))", "error": "\(failure.errorCode ?? "no answer")",
                ])
            let sleep = self.sleep
            try await RequestPermit.waitWithout { try await sleep(delay) }
        }
    }

    /// The request's headers, signed as asked.
    private func sign(
        _ request: AWSRequest, path: String, host endpoint: URL, service: AWSService, region: String, _ signing: Signing
    ) async throws -> [(name: String, value: String)] {
        let headers = [("Host", AWSEndpoints.hostHeader(endpoint)), ("User-Agent", "macie-report/0.2")] + request.headers
        let keys: AWSCredentials
        switch signing {
        case .anonymous: return headers
        case .keys(let given): keys = given
        case .client:
            guard let credentials else { throw AWSError.credentials("no credentials were set up for \(request.operation)") }
            keys = try await credentials.credentials()
        }
        let signer = SigV4Signer(
            credentials: keys, scope: Self.scope(service, region: region), signBody: service.signsLikeS3)
        return signer.sign(
            SigningRequest(
                method: request.method, path: path, query: request.query, headers: headers,
                payloadHash: SigV4.payloadHash(request.body)),
            date: now()
        ).headers
    }
}

extension AWSClient {
    /// Time added to a request's limit for sending its body, at 2 Mbit/s: a fixed 30 seconds
    /// would fail every 8 MiB upload part or 50 MB SES message on a slow uplink, however often
    /// retried. Nothing for a body of a few KB.
    static func sendingTime(_ bytes: Int) -> TimeInterval { Double(bytes) / 250_000 }

    /// The signing scope for `service`: S3 signs its path as sent.
    static func scope(_ service: AWSService, region: String) -> SigV4.Scope {
        service.signsLikeS3 ? .s3(region: region) : .init(region: region, service: service.signingName)
    }

    /// Resolves the client's credentials now, so a run without any stops before it writes
    /// anything (the chain's own message says where it looked).
    public func checkCredentials() async throws {
        guard let credentials else { throw AWSError.credentials("no credentials were set up") }
        _ = try await credentials.credentials()
    }
}
