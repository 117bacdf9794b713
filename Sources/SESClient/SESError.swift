import AWSClient
import Foundation

/// Why SES did not take the report email, in one line that says what to do about it.
///
/// A struct around a private code, as every error of ours is, so new cases never break
/// callers. SES's own words (already cleaned by the AWS client: one line, no credentials)
/// are kept after ours where they help, such as the identity that failed verification; the
/// message itself, the credentials and the endpoint's URL never appear.
public struct SESError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable, Equatable {
        case tooLarge, tooManyRecipients, noRecipients
        case notVerified, rejected, mailFromDomainNotVerified, accountSuspended, sendingPaused
        case limitExceeded, throttled, accessDenied, usage, other, malformed
    }

    private let code: Code
    /// The one line shown to the user.
    public let description: String
    /// SES's answer (or the client's reason for having none), when there was one.
    public let cause: AWSError?

    private init(_ code: Code, _ description: String, cause: AWSError? = nil) {
        self.code = code
        self.description = description
        self.cause = cause
    }

    /// The message is over SES's size limit (ours, before sending, or SES's own refusal):
    /// links instead of attachments would go through.
    public var isTooLarge: Bool { code == .tooLarge }
    /// A setting that cannot work (the region, an endpoint variable), found before any request.
    public var isUsageError: Bool { code == .usage }

    static func tooLarge(bytes: Int) -> SESError {
        let megabytes = String(format: "%.1f", Double(bytes) / Double(1024 * 1024))
        return SESError(
            .tooLarge,
            "the message is \(megabytes) MB, over SES's \(SESClient.maximumMessageBytes / (1024 * 1024)) MB limit; use --mail-links to send links instead of attachments"
        )
    }

    static func tooManyRecipients(_ count: Int) -> SESError {
        SESError(
            .tooManyRecipients,
            "SES takes at most \(SESClient.maximumRecipients) recipients per message, and \(count) --mail-to were given; mail a list address instead"
        )
    }

    static let noRecipients = SESError(.noRecipients, "a message needs at least one recipient; give --mail-to")

    static func malformed(_ text: String) -> SESError { SESError(.malformed, text) }
    static func other(_ text: String) -> SESError { SESError(.other, text) }

    /// Names SES's refusal of SendEmail in `region` by what to do about it.
    init(_ error: AWSError, region: String) {
        let said = error.message.isEmpty ? "" : " (SES said: \(error.message))"
        if error.isUsageError {
            self.init(.usage, "SES in \(region): \(error.description)", cause: error)
            return
        }
        switch error.errorCode {
        case "MessageRejected" where Self.mentionsVerification(error.message):
            self.init(
                .notVerified,
                "SES in \(region) rejected the message: an address is not verified\(said); verify the --mail-from address or its domain in SES in \(region) (and, while the account is in the SES sandbox, every --mail-to address too)",
                cause: error)
        case "MessageRejected" where Self.mentionsSize(error.message):
            self.init(
                .tooLarge,
                "SES in \(region) rejected the message as too large\(said); SES takes at most \(SESClient.maximumMessageBytes / (1024 * 1024)) MB: use --mail-links to send links instead of attachments",
                cause: error)
        case "MessageRejected":
            self.init(
                .rejected,
                "SES in \(region) rejected the message\(said); check the addresses and the reports attached, or use --mail-links",
                cause: error)
        case "MailFromDomainNotVerifiedException":
            self.init(
                .mailFromDomainNotVerified,
                "SES in \(region) cannot send: the custom MAIL FROM domain of the sender's identity is not verified\(said); publish its MX and SPF records, or turn the custom MAIL FROM domain off, in SES in \(region)",
                cause: error)
        case "AccountSuspendedException":
            self.init(
                .accountSuspended,
                "SES sending is suspended for this account in \(region)\(said); see the SES console's reputation dashboard and contact AWS Support, or send with --smtp-url or --sendmail",
                cause: error)
        case "SendingPausedException":
            self.init(
                .sendingPaused,
                "SES sending is paused for this account in \(region) (or for the configuration set)\(said); resume it in the SES console's account dashboard, or send with --smtp-url or --sendmail",
                cause: error)
        case "LimitExceededException":
            self.init(
                .limitExceeded,
                "SES in \(region) refused the message over a sending quota\(said); wait for the 24-hour quota to free up, or ask for a higher quota in the SES console",
                cause: error)
        case "TooManyRequestsException":
            self.init(
                .throttled,
                "SES in \(region) was still throttling SendEmail after the retries\(said); run again later, or raise AWS_MAX_ATTEMPTS",
                cause: error)
        default:
            if error.isAccessDenied {
                self.init(
                    .accessDenied,
                    "SES SendEmail in \(region) was denied\(said); grant the run's identity ses:SendEmail on the sender's identity in \(region)",
                    cause: error)
            } else if error.isUnreachable {
                self.init(
                    .other,
                    "SES in \(region) did not answer: \(error.message); check the network, --ses-region and AWS_ENDPOINT_URL_SESV2",
                    cause: error)
            } else {
                self.init(.other, "SES SendEmail in \(region) failed: \(error.description)", cause: error)
            }
        }
    }

    /// "Email address is not verified. The following identities failed the check in region ...".
    static func mentionsVerification(_ text: String) -> Bool {
        text.range(of: "not verified", options: .caseInsensitive) != nil
    }

    /// "Message length is more than 40 MB", "Message too large", "size limit exceeded".
    static func mentionsSize(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["length", "size", "too large", "too big"].contains { lower.contains($0) }
    }
}
