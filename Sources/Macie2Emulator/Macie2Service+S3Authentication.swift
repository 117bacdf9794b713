import AWSSigV4
import Foundation

extension Macie2Service {
    /// The region and caller of an S3 request, or S3's refusal. S3 signs differently from the
    /// other services: the wire path as sent (see ``makeVerifiers(_:)``), `x-amz-content-sha256`
    /// signed and required in a header-signed request, and presigned URLs (query
    /// authentication, payload `UNSIGNED-PAYLOAD`) refused once expired. A signature made over a
    /// payload hash that is not the body's is XAmzContentSHA256Mismatch, so a body changed or
    /// cut short on the way is never stored. Signature Version 2 (which botocore still presigns
    /// with unless told `s3v4`) is InvalidRequest, as S3 answers it where only SigV4 is taken.
    /// Counts refused signatures as the other services do.
    func authenticateS3(_ request: EmulatorRequest) -> Result<Authenticated, S3Error> {
        guard !CredentialScope.isS3SignatureV2(request) else {
            tally.signatureFailures += 1
            return .failure(
                S3Error(
                    code: "InvalidRequest", status: 400,
                    message: "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."))
        }
        var signing = SigningRequest(
            method: request.method, path: request.path, query: SigningRequest.parseQuery(request.query),
            headers: request.headers)
        let presigned = SigV4Verifier.isPresigned(signing)
        let claimed = signing.header("x-amz-content-sha256")
        if presigned {
            signing.payloadHash = "UNSIGNED-PAYLOAD"
        } else if let claimed {
            if claimed.hasPrefix("STREAMING-") {
                return .failure(
                    .notImplemented(
                        "x-amz-content-sha256: \(claimed) (aws-chunked bodies are not decoded; sign the payload or send UNSIGNED-PAYLOAD)"
                    ))
            }
            guard claimed == "UNSIGNED-PAYLOAD" || Self.isSHA256Hex(claimed) else {
                return .failure(
                    .invalidArgument(
                        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
                        name: "x-amz-content-sha256", value: claimed))
            }
            signing.payloadHash = claimed
        } else if signing.header("Authorization") != nil {
            return .failure(
                S3Error(
                    code: "InvalidRequest", status: 400,
                    message: "Missing required header for this request: x-amz-content-sha256"))
        }
        let region: String
        let accessKeyId: String?
        if let verifier = verifiers?["s3"] {
            do {
                let verified =
                    presigned ? try verifier.verifyPresigned(signing, now: now()) : try verifier.verify(signing, now: now())
                (region, accessKeyId) = (verified.region, verified.accessKeyId)
            } catch {
                tally.signatureFailures += 1
                return .failure(Self.s3Refusal(error))
            }
        } else {
            let scope = CredentialScope(request)
            (region, accessKeyId) = (scope?.region ?? defaultRegion, scope?.accessKeyId)
        }
        if !presigned, let claimed, Self.isSHA256Hex(claimed) {
            let computed = SigV4.payloadHash(request.body)
            guard computed == claimed.lowercased() else {
                return .failure(.payloadMismatch(claimed: claimed, computed: computed))
            }
        }
        return caller(region: region, accessKeyId: accessKeyId).mapError { _ in
            S3Error(code: "ExpiredToken", status: 400, message: "The provided token has expired.")
        }
    }

    /// A refused signature as S3 words it (each has its own code, unlike the JSON services).
    static func s3Refusal(_ failure: SigV4Verifier.Failure) -> S3Error {
        switch failure.kind {
        case .missing, .expired: .accessDenied(failure.message)
        case .unknownKey:
            S3Error(
                code: "InvalidAccessKeyId", status: 403,
                message: "The AWS Access Key Id you provided does not exist in our records.")
        case .invalid: S3Error(code: "SignatureDoesNotMatch", status: 403, message: failure.message)
        case .skewed:
            S3Error(
                code: "RequestTimeTooSkewed", status: 403,
                message: "The difference between the request time and the current time is too large.")
        case .malformedQuery: S3Error(code: "AuthorizationQueryParametersError", status: 400, message: failure.message)
        }
    }

    /// 64 hex digits: a payload hash, not one of the `UNSIGNED-PAYLOAD`/`STREAMING-…` words.
    static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64
            && text.utf8.allSatisfy {
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20)
            }
    }

    /// One verifier per signing name, with the base keys: S3's signs the wire path as sent.
    static func makeVerifiers(_ credentials: [AWSCredentials]) -> [String: SigV4Verifier] {
        var verifiers = Dictionary(
            uniqueKeysWithValues: ["macie2", "sts", "logs", "organizations", "ses"].map {
                ($0, SigV4Verifier(credentials: credentials, service: $0))
            })
        verifiers["s3"] = SigV4Verifier(credentials: credentials, service: "s3", normalizePath: false, encodePathAgain: false)
        return verifiers
    }
}
