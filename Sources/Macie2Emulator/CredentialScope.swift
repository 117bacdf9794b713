import AWSSigV4

/// The credential scope a request claims, read without checking the signature: from the
/// `Authorization` header's `Credential=AKID/date/region/service/aws4_request`, or a presigned
/// URL's `X-Amz-Credential`. Routing reads it (S3 and SES are told by their signing name, not
/// their paths, so a bucket called `jobs` cannot be taken for Macie2), and so does
/// `--accept-any-credentials`, which serves the region and key the client claims.
struct CredentialScope: Equatable {
    /// The access key id the client signed with.
    let accessKeyId: String
    /// The region the client signed for.
    let region: String
    /// The signing name (`s3`, `ses`, `macie2`, …).
    let service: String

    /// The scope `request` claims, or `nil` for an unsigned or malformed one.
    init?(_ request: EmulatorRequest) {
        let credential: Substring
        if let authorization = request.headers.first(where: { $0.name.lowercased() == "authorization" })?.value,
            let range = authorization.range(of: "Credential=")
        {
            credential = authorization[range.upperBound...].prefix { $0 != "," && $0 != " " }
        } else if let pair = request.query.split(separator: "&").first(where: { $0.hasPrefix("X-Amz-Credential=") }) {
            credential = Substring(SigV4.percentDecode(String(pair.dropFirst("X-Amz-Credential=".count))))
        } else {
            return nil
        }
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5 else { return nil }
        accessKeyId = String(parts[0])
        region = String(parts[2])
        service = String(parts[3])
    }

    /// Whether `request` is signed with S3's Signature Version 2 (`Authorization: AWS key:sig`,
    /// or a presigned URL's `AWSAccessKeyId` and `Signature`), which only S3 ever took: such a
    /// request is S3's, to be refused as S3 refuses it where only SigV4 is accepted.
    static func isS3SignatureV2(_ request: EmulatorRequest) -> Bool {
        if let authorization = request.headers.first(where: { $0.name.lowercased() == "authorization" })?.value {
            return authorization.hasPrefix("AWS ")
        }
        let names = Set(request.query.split(separator: "&").map { $0.prefix { $0 != "=" } })
        return names.contains("AWSAccessKeyId") && names.contains("Signature")
    }
}
