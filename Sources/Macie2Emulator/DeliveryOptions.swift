import Foundation

/// Where macie-report delivers its reports, as the emulator plays it: the S3 buckets that
/// exist, and what SES v2 does with a message. Not faults: the world as it is configured.
public struct DeliveryOptions: Sendable {
    /// SES v2's own limit on a raw message, 40 MB (the decoded `Content.Raw.Data`).
    public static let sesDefaultMaxMessageBytes = 41_943_040

    /// The buckets that exist, empty at start; any other bucket is NoSuchBucket (404).
    public var s3Buckets: Set<String> = []
    /// Where SendEmail writes each accepted raw message, as `<MessageId>.eml` (created when
    /// missing); `nil` keeps no copy.
    public var sesOutbox: URL?
    /// The verified identities: addresses, or domains (no `@`) that verify every address at
    /// them. Empty: every sender is accepted, as the check is off.
    public var sesIdentities: [String] = []
    /// A larger raw message is MessageRejected (400).
    public var sesMaxMessageBytes = Self.sesDefaultMaxMessageBytes

    /// No buckets, no outbox, no identity check, SES's size limit. Set the members wanted.
    public init() {}
}
