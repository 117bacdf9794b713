/// What a PutObject or CreateMultipartUpload says about the object besides its bytes, kept and
/// sent back on GET and HEAD: the content type and the server-side encryption asked for.
struct S3ObjectMetadata: Equatable {
    /// The encryption values S3 takes in `x-amz-server-side-encryption` (DSSE is not played).
    static let encryptions: Set<String> = ["AES256", "aws:kms"]

    /// `Content-Type` as sent; `nil` answers S3's default, `binary/octet-stream`.
    var contentType: String?
    /// `AES256` or `aws:kms`; `nil` when none was asked (S3 then still encrypts, with AES256,
    /// and says so; the emulator does the same).
    var serverSideEncryption: String?
    /// The KMS key for `aws:kms`: as given, else the account's AWS managed key `alias/aws/s3`.
    var kmsKeyId: String?

    /// Reads the headers of a write. An encryption S3 does not know, or a KMS key id without
    /// `aws:kms`, is InvalidArgument (400), as S3 refuses them, so a client's typo in its
    /// encryption settings fails at once instead of storing the report unencrypted.
    init(headers: [(name: String, value: String)], region: String, accountId: String) throws(S3Error) {
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
        contentType = header("content-type")
        let encryption = header("x-amz-server-side-encryption")
        let keyId = header("x-amz-server-side-encryption-aws-kms-key-id")
        if let encryption, !Self.encryptions.contains(encryption) {
            throw .invalidArgument(
                "The encryption method specified is not supported", name: "x-amz-server-side-encryption",
                value: encryption)
        }
        if let keyId, encryption != "aws:kms" {
            throw .invalidArgument(
                "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms",
                name: "x-amz-server-side-encryption-aws-kms-key-id", value: keyId)
        }
        serverSideEncryption = encryption ?? "AES256"
        kmsKeyId = encryption == "aws:kms" ? keyId ?? "arn:aws:kms:\(region):\(accountId):alias/aws/s3" : nil
    }

    /// The encryption headers S3 answers a write, GET and HEAD with.
    var encryptionHeaders: [(name: String, value: String)] {
        [("x-amz-server-side-encryption", serverSideEncryption)].compactMap { pair in pair.1.map { (pair.0, $0) } }
            + (kmsKeyId.map { [("x-amz-server-side-encryption-aws-kms-key-id", $0)] } ?? [])
    }
}
