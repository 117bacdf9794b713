import AWSClient
import AWSSigV4
import Foundation
import Logging

/// An S3 that keeps what it is sent, in memory, and answers as S3 does; no network. Each
/// request's signature is checked by S3's rules (the path as sent, the payload hash signed),
/// so a client that signs like another service fails here.
final class FakeS3: HTTPTransport, @unchecked Sendable {
    struct Sent {
        var method: String
        var url: URL
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        var query: [(name: String, value: String)] { SigningRequest.parseQuery(url.query ?? "") }
        func has(_ name: String) -> Bool { query.contains { $0.name == name } }
    }

    private let lock = NSLock()
    private var log: [Sent] = []
    /// Answers a request differently from S3 (a fault), or `nil` to let S3 answer.
    let fault: @Sendable (Sent) -> HTTPResponse?
    static let keys = AWSCredentials(accessKeyId: "AKIDS3TEST", secretAccessKey: "s3secret")

    init(fault: @escaping @Sendable (Sent) -> HTTPResponse? = { _ in nil }) { self.fault = fault }

    var sent: [Sent] { lock.withLock { log } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let sent = Sent(method: request.method, url: request.url, headers: request.headers, body: request.body)
        lock.withLock { log.append(sent) }
        if let answer = fault(sent) { return answer }
        guard sent.header("x-amz-content-sha256") == SigV4.payloadHash(request.body) else {
            return HTTPResponse(status: 400, headers: [], body: Array("<Error><Code>XAmzContentSHA256Mismatch</Code></Error>".utf8))
        }
        let signed = SigningRequest(
            method: request.method, path: request.url.path(percentEncoded: true), query: sent.query,
            headers: request.headers, payloadHash: sent.header("x-amz-content-sha256") ?? "")
        let verifier = SigV4Verifier(credentials: [Self.keys], service: "s3", normalizePath: false, encodePathAgain: false)
        do {
            _ = try verifier.verify(signed, now: ISO8601DateFormatter.amz.date(from: sent.header("X-Amz-Date") ?? "") ?? Date())
        } catch {
            return HTTPResponse(status: 403, headers: [], body: Array("<Error><Code>SignatureDoesNotMatch</Code></Error>".utf8))
        }
        switch (request.method, sent.has("uploads"), sent.has("uploadId")) {
        case ("POST", true, _):
            return HTTPResponse(
                status: 200, headers: [],
                body: Array("<InitiateMultipartUploadResult><UploadId>up&amp;1</UploadId></InitiateMultipartUploadResult>".utf8))
        case ("PUT", _, true):
            let number = sent.query.first { $0.name == "partNumber" }?.value ?? "?"
            return HTTPResponse(status: 200, headers: [("ETag", "\"etag-\(number)\"")], body: [])
        case ("DELETE", _, true): return HTTPResponse(status: 204, headers: [], body: [])
        case ("POST", _, true):
            return HTTPResponse(status: 200, headers: [], body: Array("<CompleteMultipartUploadResult/>".utf8))
        default: return HTTPResponse(status: 200, headers: [("ETag", "\"whole\"")], body: [])
        }
    }

    /// A client for `region` with a fixed key; `endpoint` `nil` leaves addressing to the region.
    func client(endpoint: String? = "http://127.0.0.1:9000", environment: [String: String] = [:]) throws -> AWSClient {
        let settings = AWSSettings(
            environment: environment, files: SharedConfigFiles(credentialsText: "", configText: ""),
            endpointOverride: try endpoint.map { try AWSEndpoints.parse($0, from: "test") },
            retry: RetryConfiguration(mode: .standard, maxAttempts: 2))
        return AWSClient(
            settings: settings, transport: self, credentials: RefreshingCredentials(GivenCredentials(Self.keys)),
            logger: Logger(label: "test"), sleep: { _ in })
    }

}

extension ISO8601DateFormatter {
    /// `20261124T060000Z`.
    static var amz: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        return formatter
    }
}
