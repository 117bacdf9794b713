import ArgumentParser
import Foundation
import Macie2Emulator

/// The emulator's S3 and SES v2 flags: the buckets that exist, what SES does with a message,
/// and their faults. One group, so the command's own list stays about the Macie2 dataset.
struct DeliveryArguments: ParsableArguments {
    @Option(
        name: .customLong("s3-bucket"),
        help: ArgumentHelp("Create this empty S3 bucket (repeatable); any other bucket is NoSuchBucket.", valueName: "NAME"))
    var s3Buckets: [String] = []

    @Flag(
        name: .customLong("deny-s3"),
        help: "Answer every S3 write (PutObject, CreateMultipartUpload, UploadPart, CompleteMultipartUpload) with AccessDenied.")
    var denyS3 = false

    @Option(
        name: .customLong("s3-fail-part"),
        help: ArgumentHelp("Answer UploadPart of this part number with InternalError (500), every time.", valueName: "N"))
    var s3FailPart: Int?

    @Option(
        name: .customLong("ses-outbox"),
        help: ArgumentHelp("Write each message SES v2 SendEmail accepts to DIR/<MessageId>.eml.", valueName: "DIR"))
    var sesOutbox: String?

    @Option(
        name: .customLong("ses-identity"),
        help: ArgumentHelp(
            "A verified SES identity, an address or a domain (repeatable); when given, other senders are MessageRejected.",
            valueName: "ADDRESS"))
    var sesIdentities: [String] = []

    @Option(
        name: .customLong("ses-max-message-bytes"),
        help: ArgumentHelp("SendEmail rejects a larger raw message (MessageRejected); SES's limit by default.", valueName: "N"))
    var sesMaxMessageBytes = DeliveryOptions.sesDefaultMaxMessageBytes

    @Flag(name: .customLong("deny-ses"), help: "Answer SES v2 SendEmail with AccessDeniedException.")
    var denySES = false

    func validate() throws {
        if let bad = s3Buckets.first(where: { $0.isEmpty || $0.contains("/") }) {
            throw ValidationError("--s3-bucket takes a bucket name without '/', not '\(bad)'")
        }
        if let s3FailPart, !(1...10_000).contains(s3FailPart) {
            throw ValidationError("--s3-fail-part must be a part number from 1 to 10000")
        }
        guard sesMaxMessageBytes >= 1 else { throw ValidationError("--ses-max-message-bytes must be 1 or more") }
        if let bad = sesIdentities.first(where: { $0.isEmpty }) {
            throw ValidationError("--ses-identity takes an address or a domain, not '\(bad)'")
        }
    }

    /// The delivery world, with the outbox created now so a bad path stops the emulator at start
    /// rather than failing the first message.
    func options() throws -> DeliveryOptions {
        var options = DeliveryOptions()
        options.s3Buckets = Set(s3Buckets)
        options.sesIdentities = sesIdentities
        options.sesMaxMessageBytes = sesMaxMessageBytes
        if let sesOutbox {
            let url = URL(fileURLWithPath: sesOutbox)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            options.sesOutbox = url
        }
        return options
    }

    /// Adds the S3 and SES faults to `faults`.
    func apply(to faults: inout FaultOptions) {
        faults.denyS3 = denyS3
        faults.s3FailPart = s3FailPart
        faults.denySES = denySES
    }
}
