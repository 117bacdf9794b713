/// How S3 encrypts the stored reports (`--s3-sse`): the request headers that ask for it.
///
/// `nil` leaves it to the bucket's default encryption (every bucket has one since 2023),
/// which is also what a bucket policy requiring a particular key will see.
public enum S3Encryption: Sendable, Hashable {
    /// S3-managed keys (`AES256`).
    case s3Managed
    /// KMS (`aws:kms`), with the bucket's or the account's default key when `keyId` is `nil`.
    /// Writing needs kms:GenerateDataKey on the key, and reading (the mail's links) kms:Decrypt.
    case kms(keyId: String?)

    /// Parses `--s3-sse` and `--s3-kms-key-id`; `nil` when neither is given.
    public static func parse(sse: String?, kmsKeyId: String?) throws(S3UsageError) -> S3Encryption? {
        switch (sse, kmsKeyId) {
        case (nil, nil): return nil
        case (nil, _?), ("AES256", _?):
            throw S3UsageError("--s3-kms-key-id names a KMS key: it needs --s3-sse aws:kms")
        case ("AES256", nil): return .s3Managed
        case ("aws:kms", let key):
            if let key, key.isEmpty || key.count > 2048 || key.contains(where: { $0.isWhitespace || $0.isNewline }) {
                throw S3UsageError("--s3-kms-key-id takes a key id, alias or ARN without spaces")
            }
            return .kms(keyId: key)
        case (let other?, _):
            throw S3UsageError("--s3-sse takes aws:kms or AES256, not '\(other.prefix(40))'")
        }
    }

    /// The headers of PutObject and CreateMultipartUpload (not UploadPart: the upload has them).
    var headers: [(name: String, value: String)] {
        switch self {
        case .s3Managed: return [("x-amz-server-side-encryption", "AES256")]
        case .kms(let key):
            return [("x-amz-server-side-encryption", "aws:kms")]
                + (key.map { [("x-amz-server-side-encryption-aws-kms-key-id", $0)] } ?? [])
        }
    }
}
