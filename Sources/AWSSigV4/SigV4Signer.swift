import Foundation

/// Signs requests with one set of credentials for one region and service.
public struct SigV4Signer: Sendable {
    /// The keys that sign. The client makes a signer per request, so refreshed keys are the ones used.
    public var credentials: AWSCredentials
    /// The region and service the signatures are for.
    public var scope: SigV4.Scope
    /// Adds `x-amz-content-sha256` and signs it (S3 needs it; it never hurts).
    public var signBody: Bool
    /// Adds the session token after signing instead of signing it (a few services want that).
    public var omitSessionToken: Bool

    /// Both switches off by default, which is how the client signs for Macie2 and STS.
    public init(credentials: AWSCredentials, scope: SigV4.Scope, signBody: Bool = false, omitSessionToken: Bool = false) {
        self.credentials = credentials
        self.scope = scope
        self.signBody = signBody
        self.omitSessionToken = omitSessionToken
    }

    /// Headers that some HTTP stacks rewrite in transit; signing them breaks the signature.
    static let unsignedHeaders: Set<String> = ["authorization", "user-agent", "x-amzn-trace-id", "expect", "connection"]

    /// The request with `X-Amz-Date`, the session token, the payload hash (if asked) and
    /// `Authorization` added, in the order AWS's test suite adds them.
    public func sign(_ request: SigningRequest, date: Date) -> SigningRequest {
        var signed = request
        if signBody { signed.headers.append(("x-amz-content-sha256", request.payloadHash)) }
        signed.headers.append(("X-Amz-Date", SigV4.amzDate(date)))
        if let token = credentials.sessionToken, !omitSessionToken { signed.headers.append(("X-Amz-Security-Token", token)) }
        let names = Set(signed.headers.map { $0.name.lowercased() }).subtracting(Self.unsignedHeaders).sorted()
        let canonical = SigV4.canonicalRequest(signed, signedHeaders: names, scope: scope)
        let toSign = SigV4.stringToSign(canonicalRequest: canonical, date: date, scope: scope)
        let signature = SigV4.signature(
            stringToSign: toSign, secretAccessKey: credentials.secretAccessKey, date: date, scope: scope)
        if let token = credentials.sessionToken, omitSessionToken { signed.headers.append(("X-Amz-Security-Token", token)) }
        let credential = "\(credentials.accessKeyId)/\(SigV4.credentialScope(date, scope))"
        signed.headers.append(
            (
                "Authorization",
                "\(SigV4.algorithm) Credential=\(credential), SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)"
            ))
        return signed
    }

    /// A presigned request: the signature travels in the query string, valid for `expires` seconds.
    public func presign(_ request: SigningRequest, date: Date, expires: Int) -> SigningRequest {
        var signed = request
        let names = Set(request.headers.map { $0.name.lowercased() }).subtracting(Self.unsignedHeaders).sorted()
        signed.query += [
            ("X-Amz-Algorithm", SigV4.algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyId)/\(SigV4.credentialScope(date, scope))"),
            ("X-Amz-Date", SigV4.amzDate(date)),
            ("X-Amz-SignedHeaders", names.joined(separator: ";")),
            ("X-Amz-Expires", String(expires)),
        ]
        if let token = credentials.sessionToken, !omitSessionToken { signed.query.append(("X-Amz-Security-Token", token)) }
        let canonical = SigV4.canonicalRequest(signed, signedHeaders: names, scope: scope)
        let toSign = SigV4.stringToSign(canonicalRequest: canonical, date: date, scope: scope)
        let signature = SigV4.signature(
            stringToSign: toSign, secretAccessKey: credentials.secretAccessKey, date: date, scope: scope)
        if let token = credentials.sessionToken, omitSessionToken { signed.query.append(("X-Amz-Security-Token", token)) }
        signed.query.append(("X-Amz-Signature", signature))
        return signed
    }
}
