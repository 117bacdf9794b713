import AWSClient
import AWSSigV4
import Foundation
import Logging
import Macie2Model

/// ListClassificationJobs and DescribeClassificationJob for one region, over restJson1:
/// each request signed with fresh credentials, retried per the retry policy, and answered
/// with the model's types or a classified ``Macie2Error``.
public struct Macie2Client: Sendable {
    public let region: String
    public let endpoint: URL
    let transport: any HTTPTransport
    let credentials: RefreshingCredentials
    let retry: RetryPolicy
    let requestTimeout: TimeInterval
    let logger: Logger
    let now: @Sendable () -> Date
    let sleep: @Sendable (TimeInterval) async throws -> Void

    public init(
        region: String, endpoint: URL, transport: any HTTPTransport, credentials: RefreshingCredentials, retry: RetryPolicy,
        requestTimeout: TimeInterval = 30, logger: Logger, now: @escaping @Sendable () -> Date = Date.init,
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64($0 * 1e9)) }
    ) {
        self.region = region
        self.endpoint = endpoint
        self.transport = transport
        self.credentials = credentials
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.logger = logger
        self.now = now
        self.sleep = sleep
    }

    public func listClassificationJobs(_ request: ListClassificationJobsRequest) async throws -> ListClassificationJobsResponse {
        let body = try Macie2JSON.encoder().encode(request)
        let answer = try await call(method: "POST", path: "/jobs/list", body: Array(body), operation: "ListClassificationJobs")
        return try decode(ListClassificationJobsResponse.self, answer, "ListClassificationJobs")
    }

    public func describeClassificationJob(jobId: String) async throws -> DescribeClassificationJobResponse {
        let path = "/jobs/" + SigV4.percentEncode(jobId, keepSlash: false)
        let answer = try await call(method: "GET", path: path, body: [], operation: "DescribeClassificationJob")
        return try decode(DescribeClassificationJobResponse.self, answer, "DescribeClassificationJob")
    }

    private func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8], _ operation: String) throws -> T {
        do {
            return try Macie2JSON.decoder().decode(type, from: Data(body))
        } catch {
            throw Macie2Error(
                code: nil, status: 200,
                message: "\(operation) answered with a body that does not match the Macie2 model: \(error)")
        }
    }

    /// One operation, with retries. Throws the last failure when retries are exhausted.
    private func call(method: String, path: String, body: [UInt8], operation: String) async throws -> [UInt8] {
        let basePath = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        let fullPath = basePath + path
        guard let url = URL(string: fullPath, relativeTo: endpoint)?.absoluteURL else {
            throw Macie2Error(code: nil, status: 0, message: "cannot form a URL from \(endpoint) and \(path)")
        }
        var attempt = 0
        var spent = 0
        while true {
            attempt += 1
            try await retry.beforeAttempt()
            let keys = try await credentials.credentials()
            var headers: [(name: String, value: String)] = [
                ("Host", AWSEndpoints.hostHeader(endpoint)), ("User-Agent", "macie-report/0.1"),
            ]
            if method == "POST" { headers.append(("Content-Type", "application/json")) }
            let signer = SigV4Signer(credentials: keys, scope: .init(region: region, service: "macie2"))
            let signed = signer.sign(
                .init(method: method, path: fullPath, headers: headers, payloadHash: SigV4.payloadHash(body)), date: now())
            let failure: Macie2Error
            let kind: FailureKind
            do {
                let response = try await transport.send(
                    HTTPRequest(method: method, url: url, headers: signed.headers, body: body, timeout: requestTimeout))
                if (200..<300).contains(response.status) {
                    await retry.recordSuccess(retriedWithCost: spent)
                    return response.body
                }
                failure = Self.error(from: response)
                kind = Self.classify(failure)
            } catch let error as TransportError {
                failure = Macie2Error(
                    code: nil, status: 0, message: "\(endpoint.absoluteString) did not answer: \(error.description)")
                kind = error.kind == .timeout ? .timeout : .transient
            }
            guard let delay = await retry.delayBeforeRetry(after: kind, attempt: attempt) else { throw failure }
            spent += kind == .timeout ? 10 : 5
            logger.debug(
                "retrying",
                metadata: [
                    "operation": "\(operation)", "region": "\(region)", "attempt": "\(attempt + 1)",
                    "delay.ms": "\(Int(delay * 1000))", "error": "\(failure.code ?? "no answer")",
                ])
            try await sleep(delay)
        }
    }

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]
    static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalServerException", "ServiceUnavailable",
    ]

    static func classify(_ error: Macie2Error) -> FailureKind {
        if let code = error.code, throttlingCodes.contains(code) { return .throttling }
        if error.status == 429 { return .throttling }
        if let code = error.code, transientCodes.contains(code) { return .transient }
        if [500, 502, 503, 504].contains(error.status) { return .transient }
        return .permanent
    }

    /// restJson1: the shape in `x-amzn-ErrorType` (before any `:`), else `__type` or `code`
    /// in the body (after any `#`); the message in `message` or `Message`.
    static func error(from response: HTTPResponse) -> Macie2Error {
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        var code = response.header("x-amzn-ErrorType") ?? (json["__type"] as? String) ?? (json["code"] as? String)
        if let raw = code {
            code = String(raw.split(separator: ":").first ?? Substring(raw))
            if let hash = code?.lastIndex(of: "#") { code = String(code![code!.index(after: hash)...]) }
        }
        let message =
            (json["message"] as? String) ?? (json["Message"] as? String)
            ?? String(decoding: response.body.prefix(200), as: UTF8.self)
        return Macie2Error(code: code, status: response.status, message: message)
    }
}
