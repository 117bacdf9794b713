import Foundation

extension SigV4Verifier {
    /// The longest validity a presigned URL may ask for: one week, as at AWS.
    public static let maxPresignedExpiry = 604_800

    /// Whether a request carries its signature in the query string (a presigned URL) rather than in an
    /// `Authorization` header: it has `X-Amz-Credential` or `X-Amz-Signature`.
    public static func isPresigned(_ request: SigningRequest) -> Bool {
        request.query.contains { $0.name == "X-Amz-Credential" || $0.name == "X-Amz-Signature" }
    }

    /// Checks a presigned request (query-string authentication) as S3 does: the six `X-Amz-*` parameters
    /// present, the algorithm, the credential scope and service, `X-Amz-Expires` a whole number from 1 to
    /// ``maxPresignedExpiry``, a known key, the session token (`X-Amz-Security-Token`), the URL not yet
    /// expired at `now`, then the signature over every query parameter but `X-Amz-Signature`.
    ///
    /// `request.payloadHash` is what was signed for the body: `UNSIGNED-PAYLOAD` for S3, whose presigned
    /// URLs never sign one. An expired URL is refused before its signature is checked, as S3 does, so the
    /// client learns the one thing it can fix. Throws the first ``Failure``.
    public func verifyPresigned(_ request: SigningRequest, now: Date) throws(Failure) -> Verified {
        func parameter(_ name: String) -> String? { request.query.first { $0.name == name }?.value }
        guard let algorithm = parameter("X-Amz-Algorithm"), let credential = parameter("X-Amz-Credential"),
            let signature = parameter("X-Amz-Signature"), let amzDate = parameter("X-Amz-Date"),
            let signed = parameter("X-Amz-SignedHeaders"), let expiresText = parameter("X-Amz-Expires")
        else {
            throw Failure(
                kind: .malformedQuery,
                message:
                    "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
            )
        }
        guard algorithm == SigV4.algorithm else {
            throw Failure(kind: .malformedQuery, message: "X-Amz-Algorithm only supports \"\(SigV4.algorithm)\"")
        }
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[4] == "aws4_request" else {
            throw Failure(
                kind: .malformedQuery, message: "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed.")
        }
        let (accessKeyId, region) = (parts[0], parts[2])
        guard parts[3] == service else {
            throw Failure(
                kind: .malformedQuery,
                message:
                    "Error parsing the X-Amz-Credential parameter; incorrect service \"\(parts[3])\". This endpoint belongs to \"\(service)\"."
            )
        }
        guard let date = Self.parseAmzDate(amzDate), String(amzDate.prefix(8)) == parts[1] else {
            throw Failure(
                kind: .malformedQuery, message: "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
        }
        guard let expires = Int(expiresText), expires >= 0 else {
            throw Failure(kind: .malformedQuery, message: "X-Amz-Expires should be a number")
        }
        guard expires <= Self.maxPresignedExpiry else {
            throw Failure(
                kind: .malformedQuery,
                message: "X-Amz-Expires must be less than a week (in seconds) that is \(Self.maxPresignedExpiry)")
        }
        guard let known = credentials[accessKeyId] else {
            throw Failure(kind: .unknownKey, message: "The AWS Access Key Id you provided does not exist in our records.")
        }
        if let token = known.sessionToken, parameter("X-Amz-Security-Token") != token {
            throw Failure(kind: .invalid, message: "The provided token is malformed or otherwise invalid.")
        }
        guard date.timeIntervalSince(now) <= allowedSkew else {
            throw Failure(kind: .expired, message: "Request is not valid yet")
        }
        guard now.timeIntervalSince(date) <= TimeInterval(expires) else {
            throw Failure(kind: .expired, message: "Request has expired")
        }
        var unsigned = request
        unsigned.query.removeAll { $0.name == "X-Amz-Signature" }
        guard
            signatureMatches(
                unsigned, signedHeaders: signed.split(separator: ";").map(String.init), signature: signature,
                secret: known.secretAccessKey, date: date, region: region)
        else { throw Self.mismatch }
        return Verified(accessKeyId: accessKeyId, region: region, service: service)
    }
}
