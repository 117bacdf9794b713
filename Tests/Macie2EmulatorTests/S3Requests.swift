import AWSSigV4
import Foundation

@testable import Macie2Emulator

/// S3 and SES v2 requests as an SDK sends them: S3's signed with the payload hash in
/// `x-amz-content-sha256` and the wire path as is, or presigned in the query; SES's as
/// rest-json. One set of credentials, one instant.
struct S3Requests {
    static let credentials = AWSCredentials(accessKeyId: "AKIDS3TEST", secretAccessKey: "s3-secret")
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    var credentials = Self.credentials
    var date = Self.now
    var region = "us-east-1"

    /// S3's signing rules: the wire path, not normalized, not encoded again.
    var scope: SigV4.Scope { .init(region: region, service: "s3", normalizePath: false, encodePathAgain: false) }

    /// A header-signed S3 request. `signedHash` is what the client claims in
    /// `x-amz-content-sha256` (default: the body's SHA-256).
    func s3(
        _ method: String, _ path: String, query: String = "", headers: [(name: String, value: String)] = [],
        body: [UInt8] = [], signedHash: String? = nil, scope: SigV4.Scope? = nil
    ) -> EmulatorRequest {
        let request = SigningRequest(
            method: method, path: path, query: SigningRequest.parseQuery(query), headers: [("Host", "127.0.0.1")] + headers,
            payloadHash: signedHash ?? SigV4.payloadHash(body))
        let signed = SigV4Signer(credentials: credentials, scope: scope ?? self.scope, signBody: true).sign(request, date: date)
        return EmulatorRequest(method: method, path: path, query: query, headers: signed.headers, body: body)
    }

    /// A presigned GET, made at `signedAt` and valid for `expires` seconds.
    func presignedGet(_ path: String, signedAt: Date, expires: Int) -> EmulatorRequest {
        let request = SigningRequest(
            method: "GET", path: path, headers: [("Host", "127.0.0.1")], payloadHash: "UNSIGNED-PAYLOAD")
        let signed = SigV4Signer(credentials: credentials, scope: scope).presign(request, date: signedAt, expires: expires)
        let query = signed.query.map {
            "\(SigV4.percentEncode($0.name, keepSlash: false))=\(SigV4.percentEncode($0.value, keepSlash: false))"
        }.joined(separator: "&")
        return EmulatorRequest(method: "GET", path: path, query: query, headers: [("Host", "127.0.0.1")])
    }

    /// SES v2 SendEmail with `members` as its JSON body.
    func sendEmail(_ members: [String: Any]) -> EmulatorRequest {
        let body = Array((try? JSONSerialization.data(withJSONObject: members, options: [.sortedKeys])) ?? Data())
        let request = SigningRequest(
            method: "POST", path: "/v2/email/outbound-emails",
            headers: [("Host", "127.0.0.1"), ("Content-Type", "application/json")], payloadHash: SigV4.payloadHash(body))
        let signed = SigV4Signer(credentials: credentials, scope: .init(region: region, service: "ses")).sign(
            request, date: date)
        return EmulatorRequest(method: "POST", path: "/v2/email/outbound-emails", headers: signed.headers, body: body)
    }

    /// SendEmail's members for a raw message.
    static func raw(_ message: String, from: String? = nil, to: [String]? = nil) -> [String: Any] {
        var members: [String: Any] = ["Content": ["Raw": ["Data": Data(message.utf8).base64EncodedString()]]]
        if let from { members["FromEmailAddress"] = from }
        if let to { members["Destination"] = ["ToAddresses": to] }
        return members
    }

    /// An answer's header, by case-insensitive name.
    static func header(_ name: String, _ response: EmulatorResponse) -> String? {
        response.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// An S3 error answer's `<Code>`.
    static func code(_ response: EmulatorResponse) -> String? {
        SignedRequests.element("Code", in: SignedRequests.text(response))
    }
}
