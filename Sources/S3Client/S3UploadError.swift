import AWSClient

/// Why the reports could not all be stored in S3, as one line that names the file, where it
/// was going, S3's answer and what to do. The reports on disk are untouched by it: the upload
/// only ever reads them.
public struct S3UploadError: Error, CustomStringConvertible, Sendable {
    /// The one line shown to the user.
    public let description: String
    /// S3's answer, when there was one.
    public let cause: AWSError?

    private init(_ description: String, cause: AWSError?) {
        self.description = description
        self.cause = cause
    }

    /// `file` could not be stored at `uri`; `abort` says when a partial upload was left behind.
    static func failed(_ file: String, uri: String, _ error: any Error, abort: String?) -> S3UploadError {
        let cause = error as? AWSError
        var line = "\(file) could not be stored at \(uri): \(error)"
        if let hint = cause.flatMap(Self.hint) { line += " (\(hint))" }
        if let abort { line += "; \(abort)" }
        return S3UploadError(line, cause: cause)
    }

    /// The same failure, saying how many files had been stored before it.
    func after(stored: Int, of total: Int) -> S3UploadError {
        S3UploadError("\(description); \(stored) of \(total) reports were stored before it", cause: cause)
    }

    /// What to do about S3's answer, for the answers a nightly job meets.
    static func hint(_ error: AWSError) -> String? {
        if error.isAccessDenied {
            return "grant s3:PutObject on the prefix, and kms:GenerateDataKey on the key with --s3-sse aws:kms"
        }
        if error.isUnreachable { return "check the network, --endpoint-url and AWS_ENDPOINT_URL_S3" }
        switch error.errorCode {
        case "NoSuchBucket": return "check the bucket in --s3-uri"
        case "PermanentRedirect", "TemporaryRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException":
            return "give the bucket's region with --s3-region"
        case "KMS.NotFoundException", "KMS.DisabledException", "KMS.KMSInvalidStateException":
            return "check --s3-kms-key-id"
        default: return nil
        }
    }
}
