import AWSClient
import ArgumentParser
import S3Client

/// The S3 flags: where the reports are kept after they are written.
///
/// The upload comes after the reports (and the history) are written and only reads them, so
/// a failing upload never costs a report: it is one line on stderr and exit 5, as an
/// undelivered mail is.
struct S3Options: ParsableArguments {
    @Option(
        name: .customLong("s3-uri"),
        help: ArgumentHelp(
            "After writing the reports, store each one in S3 under s3://BUCKET/PREFIX/ ({date} in the prefix is the as-of day, so each night keeps its own copy).",
            valueName: "URI"))
    var uri: String?

    @Option(
        name: .customLong("s3-sse"),
        help: ArgumentHelp(
            "Ask S3 to encrypt the stored reports with KMS (aws:kms) or S3-managed keys (AES256); default: the bucket's own setting.",
            valueName: "aws:kms|AES256"))
    var sse: String?

    @Option(
        name: .customLong("s3-kms-key-id"),
        help: ArgumentHelp("The KMS key (id, alias or ARN) for --s3-sse aws:kms; default: the bucket's or the account's.", valueName: "ID"))
    var kmsKeyId: String?

    @Option(
        name: .customLong("s3-region"),
        help: ArgumentHelp(
            "The bucket's region (default: the first --region, else AWS_REGION, AWS_DEFAULT_REGION or the profile's).",
            valueName: "REGION"))
    var region: String?

    /// For `scripts/benchmark_upload.py`, which measures the default: the size (MiB) from which
    /// a file goes up in parts. Hidden: the measured default is the answer for users.
    @Option(name: .customLong("s3-multipart-threshold-mib"), help: .hidden)
    var multipartThresholdMiB: Int?

    /// Whether the reports are to be stored in S3.
    var isUsed: Bool { uri != nil }

    func validate() throws {
        guard let uri else {
            if sse != nil || kmsKeyId != nil || region != nil {
                throw ValidationError("--s3-sse, --s3-kms-key-id and --s3-region are for --s3-uri")
            }
            return
        }
        do {
            _ = try S3Location(parsing: uri)
            _ = try S3Encryption.parse(sse: sse, kmsKeyId: kmsKeyId)
        } catch {
            throw ValidationError(error.description)
        }
        if let multipartThresholdMiB, !(5...5120).contains(multipartThresholdMiB) {
            throw ValidationError("--s3-multipart-threshold-mib must be between 5 and 5120")
        }
        if let region, !AWSRegion.isValid(region) {
            throw ValidationError("--s3-region \(ServerText.quoted(region)) is not an AWS region; write it like us-east-1")
        }
    }

    /// The checked values (``validate()`` has run).
    func parsed() throws -> (location: S3Location, encryption: S3Encryption?)? {
        guard let uri else { return nil }
        return (try S3Location(parsing: uri), try S3Encryption.parse(sse: sse, kmsKeyId: kmsKeyId))
    }

    /// The upload's sizes: the defaults, or the benchmark's threshold.
    var uploadOptions: ReportUploader.Options {
        var options = ReportUploader.Options()
        if let multipartThresholdMiB { options.multipartThreshold = multipartThresholdMiB << 20 }
        return options
    }
}
