import AWSSigV4
import Foundation

/// The two STS calls the credential chain needs, over STS's query protocol (a form POST, an
/// XML answer): AssumeRole (signed with the source credentials) and
/// AssumeRoleWithWebIdentity (unsigned; the token is the proof).
public struct STSClient: Sendable {
    let transport: any HTTPTransport
    let endpoint: URL
    let region: String

    /// - Parameter endpoint: `AWS_ENDPOINT_URL_STS`, else `AWS_ENDPOINT_URL`, else STS's
    ///   regional endpoint (see ``AWSEndpoints``).
    public init(transport: any HTTPTransport, endpoint: URL, region: String) {
        self.transport = transport
        self.endpoint = endpoint
        self.region = region
    }

    public func assumeRole(
        roleArn: String, sessionName: String, externalId: String?, durationSeconds: Int?, with source: AWSCredentials,
        now: Date = Date()
    ) async throws -> ExpiringCredentials {
        var parameters = [
            ("Action", "AssumeRole"), ("Version", "2011-06-15"), ("RoleArn", roleArn), ("RoleSessionName", sessionName),
        ]
        if let externalId { parameters.append(("ExternalId", externalId)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        return try await call(parameters, signedWith: source, now: now, what: "AssumeRole on \(roleArn)")
    }

    public func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, token: String) async throws -> ExpiringCredentials
    {
        let parameters = [
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", roleArn),
            ("RoleSessionName", sessionName), ("WebIdentityToken", token),
        ]
        return try await call(parameters, signedWith: nil, now: Date(), what: "AssumeRoleWithWebIdentity on \(roleArn)")
    }

    private func call(_ parameters: [(String, String)], signedWith source: AWSCredentials?, now: Date, what: String) async throws
        -> ExpiringCredentials
    {
        let body = Array(
            parameters.map { "\(SigV4.percentEncode($0.0, keepSlash: false))=\(SigV4.percentEncode($0.1, keepSlash: false))" }
                .joined(separator: "&").utf8)
        var headers: [(name: String, value: String)] = [
            ("Host", AWSEndpoints.hostHeader(endpoint)), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
        ]
        let path = endpoint.path.isEmpty ? "/" : endpoint.path
        if let source {
            let signer = SigV4Signer(credentials: source, scope: .init(region: region, service: "sts"))
            headers =
                signer.sign(.init(method: "POST", path: path, headers: headers, payloadHash: SigV4.payloadHash(body)), date: now)
                .headers
        }
        let response: HTTPResponse
        do {
            response = try await transport.send(
                HTTPRequest(method: "POST", url: endpoint, headers: headers, body: body, timeout: 10))
        } catch {
            throw CredentialError("STS \(what) at \(endpoint.absoluteString) failed: \(error)")
        }
        let xml = String(decoding: response.body, as: UTF8.self)
        guard response.status == 200 else {
            let code = XMLText.first("Code", in: xml) ?? "HTTP \(response.status)"
            let message = XMLText.first("Message", in: xml) ?? ""
            throw CredentialError("STS \(what) was refused: \(code) \(message)".trimmingCharacters(in: .whitespaces))
        }
        guard let key = XMLText.first("AccessKeyId", in: xml), let secret = XMLText.first("SecretAccessKey", in: xml) else {
            throw CredentialError("STS \(what) answered without credentials")
        }
        return ExpiringCredentials(
            AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: XMLText.first("SessionToken", in: xml)),
            expiration: XMLText.first("Expiration", in: xml).flatMap(AWSTimestamp.parse))
    }
}

/// Reads the text of the first `<name>` element of a small XML answer, entities decoded.
enum XMLText {
    static func first(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"),
            let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// The timestamps credential sources write: ISO-8601 with or without fractions.
enum AWSTimestamp {
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
