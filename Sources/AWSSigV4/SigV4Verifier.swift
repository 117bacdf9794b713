import Crypto
import Foundation

/// Checks the `Authorization` header of a received request, as an AWS endpoint does.
///
/// The emulator uses it so that a client with the wrong secret, a stale clock or the wrong
/// service name is refused exactly as Macie2 would refuse it.
public struct SigV4Verifier: Sendable {
    /// What a valid signature says about the request.
    public struct Verified: Sendable, Hashable {
        /// The access key the request was signed with: one the verifier knows.
        public var accessKeyId: String
        /// The region from the credential scope: the signature proves the client meant it, so a server may
        /// serve that region.
        public var region: String
        /// The service from the credential scope, always the verifier's ``SigV4Verifier/service``.
        public var service: String
    }

    /// Why a signature was refused; `message` is what AWS would put in the error body.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// Which of AWS's refusals this is, so a server can answer with the matching error type.
        public enum Kind: Sendable, Hashable {
            /// No or malformed Authorization header (AWS: MissingAuthenticationToken / IncompleteSignature).
            case missing
            /// Unknown access key (AWS: UnrecognizedClientException).
            case unknownKey
            /// Signature mismatch, wrong session token, wrong service (AWS: InvalidSignatureException).
            case invalid
            /// The request time is too far from the server's clock (AWS: InvalidSignatureException, "Signature expired").
            case skewed
            /// A presigned URL used after its `X-Amz-Expires` (S3: AccessDenied, "Request has expired").
            case expired
            /// A presigned URL's query parameters are malformed or out of range (S3:
            /// AuthorizationQueryParametersError, HTTP 400).
            case malformedQuery
        }
        /// Which refusal, to choose the error type of the answer.
        public var kind: Kind
        /// AWS's wording for the refusal, for the error body; it never holds a secret.
        public var message: String
        /// The ``message``, so the failure prints as AWS words it.
        public var description: String { message }
    }

    /// Secrets (and session tokens) by access key id.
    public var credentials: [String: AWSCredentials]
    /// The service name the scope must carry, for example `macie2`.
    public var service: String
    /// How far the request's X-Amz-Date may be from now; AWS allows 5 minutes.
    public var allowedSkew: TimeInterval
    /// The path rules of ``SigV4/Scope`` the service signs with: `true` for every service but S3.
    public var normalizePath: Bool
    /// See ``SigV4/Scope/encodePathAgain``: `false` for S3, which signs the wire path as sent.
    public var encodePathAgain: Bool

    /// Indexes `credentials` by access key id (of two with the same id, the last wins). `allowedSkew` is in
    /// seconds, 5 minutes by default as at AWS. For S3 pass `normalizePath: false, encodePathAgain: false`,
    /// or a key with `%`-escapes or `//` in its path fails to verify.
    public init(
        credentials: [AWSCredentials], service: String, allowedSkew: TimeInterval = 300, normalizePath: Bool = true,
        encodePathAgain: Bool = true
    ) {
        self.credentials = Dictionary(credentials.map { ($0.accessKeyId, $0) }, uniquingKeysWith: { _, last in last })
        self.service = service
        self.allowedSkew = allowedSkew
        self.normalizePath = normalizePath
        self.encodePathAgain = encodePathAgain
    }

    /// The scope a signature for `region` is checked against, with this service's path rules.
    func scope(region: String) -> SigV4.Scope {
        SigV4.Scope(region: region, service: service, normalizePath: normalizePath, encodePathAgain: encodePathAgain)
    }

    /// Whether `signature` is what `secret` makes of `request` over `signedHeaders` at `date`, compared in
    /// constant time.
    func signatureMatches(
        _ request: SigningRequest, signedHeaders: [String], signature: String, secret: String, date: Date, region: String
    ) -> Bool {
        let scope = scope(region: region)
        let canonical = SigV4.canonicalRequest(request, signedHeaders: signedHeaders, scope: scope)
        let toSign = SigV4.stringToSign(canonicalRequest: canonical, date: date, scope: scope)
        let expected = SigV4.signature(stringToSign: toSign, secretAccessKey: secret, date: date, scope: scope)
        return Self.constantTimeEqual(expected, signature)
    }

    /// AWS's wording for a signature that does not match.
    static let mismatch = Failure(
        kind: .invalid,
        message:
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."
    )

    /// Checks the request as an AWS endpoint does: header shape, credential scope and service, a known key,
    /// `X-Amz-Date` within ``allowedSkew`` of `now`, the session token, then the signature (compared in
    /// constant time). `request.payloadHash` must hash the body as received. Throws the first ``Failure``.
    public func verify(_ request: SigningRequest, now: Date) throws(Failure) -> Verified {
        let header = try parse(request.header("Authorization"))
        guard header.scope.count == 4, header.scope[3] == "aws4_request" else {
            throw Failure(kind: .missing, message: "Credential should be scoped correctly: \(header.credential)")
        }
        let region = header.scope[1]
        guard header.scope[2] == service else {
            throw Failure(kind: .invalid, message: "Credential should be scoped to correct service: '\(service)'.")
        }
        guard let known = credentials[header.accessKeyId] else {
            throw Failure(kind: .unknownKey, message: "The security token included in the request is invalid.")
        }
        guard let amzDate = request.header("X-Amz-Date"), let date = Self.parseAmzDate(amzDate) else {
            throw Failure(
                kind: .missing, message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
        }
        guard String(SigV4.amzDate(date).prefix(8)) == header.scope[0] else {
            throw Failure(
                kind: .invalid,
                message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP")
        }
        guard abs(date.timeIntervalSince(now)) <= allowedSkew else {
            throw Failure(
                kind: .skewed,
                message: "Signature expired: \(amzDate) is now earlier or later than the allowed \(Int(allowedSkew)) seconds.")
        }
        if let token = known.sessionToken, request.header("X-Amz-Security-Token") != token {
            throw Failure(kind: .invalid, message: "The security token included in the request is invalid.")
        }
        var hashed = request
        if let claimed = request.header("x-amz-content-sha256"), claimed != "UNSIGNED-PAYLOAD" { hashed.payloadHash = claimed }
        guard
            signatureMatches(
                hashed, signedHeaders: header.signedHeaders, signature: header.signature, secret: known.secretAccessKey,
                date: date, region: region),
            request.payloadHash == hashed.payloadHash || hashed.payloadHash == "UNSIGNED-PAYLOAD"
        else { throw Self.mismatch }
        return Verified(accessKeyId: header.accessKeyId, region: region, service: service)
    }

    private struct AuthorizationHeader {
        var credential: String
        var accessKeyId: String
        var scope: [String]
        var signedHeaders: [String]
        var signature: String
    }

    private func parse(_ value: String?) throws(Failure) -> AuthorizationHeader {
        guard let value, value.hasPrefix(SigV4.algorithm + " ") else {
            throw Failure(kind: .missing, message: "Missing Authentication Token")
        }
        var fields: [String: String] = [:]
        for part in value.dropFirst(SigV4.algorithm.count + 1).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"], let signature = fields["Signature"]
        else {
            throw Failure(
                kind: .missing, message: "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters."
            )
        }
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return AuthorizationHeader(
            credential: credential, accessKeyId: parts[0], scope: Array(parts.dropFirst()),
            signedHeaders: signed.split(separator: ";").map(String.init), signature: signature)
    }

    /// `20150830T123600Z` → Date.
    static func parseAmzDate(_ text: String) -> Date? {
        let digits = Array(text.utf8)
        guard digits.count == 16, digits[8] == UInt8(ascii: "T"), digits[15] == UInt8(ascii: "Z") else { return nil }
        let iso =
            "\(text.prefix(4))-\(text.dropFirst(4).prefix(2))-\(text.dropFirst(6).prefix(2))T\(text.dropFirst(9).prefix(2)):\(text.dropFirst(11).prefix(2)):\(text.dropFirst(13).prefix(2))Z"
        return ISO8601DateFormatter().date(from: iso)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
