import AWSClient
import ArgumentParser
import ChildProcess
import FileInput
import Foundation
import MailDelivery
import ReportPipeline
import SESClient

/// The email flags, in one group so `run` stays readable.
///
/// The message is sent after the reports are written, so a delivery failure never costs the
/// reports. Every mail output (SMTP, sendmail, SES, --eml) needs --mail-from and --mail-to:
/// the .eml file is exactly the message that would be sent, ready for `sendmail -t < FILE`.
/// SES sends that same MIME message (SendEmail, Raw) over the run's AWS client, with the
/// run's credentials. With --mail-links the message carries links to the reports uploaded by
/// --s3-uri instead of the files, for reports larger than a mail server or SES takes.
struct MailOptions: ParsableArguments {
    @Option(name: .customLong("mail-to"), help: ArgumentHelp("Mail the reports to ADDRESS (repeatable).", valueName: "ADDRESS"))
    var to: [String] = []

    @Option(
        name: .customLong("mail-from"),
        help: ArgumentHelp("The sender, e.g. 'Macie Reports <reports@example.com>'.", valueName: "ADDRESS"))
    var from: String?

    @Option(
        name: .customLong("mail-subject"),
        help: ArgumentHelp(
            "The subject; placeholders: \(SubjectTemplate.placeholders.map { "{\($0.name)}" }.joined(separator: " ")) (default: '\(SubjectTemplate.defaultText)').",
            valueName: "TEMPLATE"))
    var subject: String?

    @Option(
        name: .customLong("smtp-url"),
        help: ArgumentHelp(
            "Send through this server: smtp://[user@]host[:port] (STARTTLS, port 587) or smtps://[user@]host[:port] (TLS, port 465).",
            valueName: "URL"))
    var smtpURL: String?

    @Option(
        name: .customLong("smtp-password-env"),
        help: ArgumentHelp(
            "The environment variable holding the SMTP password, read when --smtp-url has a user.", valueName: "NAME"))
    var passwordVariable = "MACIE_REPORT_SMTP_PASSWORD"

    @Option(
        name: .customLong("smtp-ca-file"),
        help: ArgumentHelp(
            "Trust the CA certificates in this PEM file instead of the system's, for the SMTP server.", valueName: "PATH"))
    var caFile: String?

    @Option(
        name: .customLong("sendmail"),
        help: ArgumentHelp("Send by piping the message to 'PATH -t -i' (e.g. /usr/sbin/sendmail).", valueName: "PATH"))
    var sendmail: String?

    @Option(
        name: .customLong("ses-region"),
        help: ArgumentHelp(
            "Send through Amazon SES v2 in this region, with the run's AWS credentials (they need ses:SendEmail).",
            valueName: "REGION"))
    var sesRegion: String?

    @Flag(
        name: .customLong("mail-links"),
        help: "Mail links to the reports uploaded by --s3-uri (presigned URLs) instead of attaching them.")
    var mailLinks = false

    @Option(
        name: .customLong("link-expiry-days"),
        help: ArgumentHelp("How long the --mail-links links work, 1 to 7 days (default: 7).", valueName: "N"))
    var linkExpiryDays: Int?

    @Option(
        name: .customLong("eml"),
        help: ArgumentHelp("Write the message to FILE (alone, or as well as sending it).", valueName: "FILE"))
    var eml: String?

    /// Whether a message is to be made at all.
    var isUsed: Bool { smtpURL != nil || sendmail != nil || sesRegion != nil || eml != nil }

    /// Presigned URLs (SigV4 query signing) work for at most 7 days: `X-Amz-Expires` is at most 604 800 seconds.
    static let linkExpiryDaysRange = 1...7
    static let defaultLinkExpiryDays = 7

    /// How long each --mail-links URL is signed for, in seconds (`X-Amz-Expires`).
    var linkExpirySeconds: Int { (linkExpiryDays ?? Self.defaultLinkExpiryDays) * 86_400 }

    func validate() throws {
        let senders = [("--smtp-url", smtpURL), ("--sendmail", sendmail), ("--ses-region", sesRegion)]
            .filter { $0.1 != nil }.map(\.0)
        if senders.count > 1 {
            throw ValidationError("\(senders.joined(separator: " and ")) are different ways to send; give one")
        }
        if linkExpiryDays != nil && !mailLinks {
            throw ValidationError("--link-expiry-days is how long the --mail-links links work: it needs --mail-links")
        }
        if let linkExpiryDays, !Self.linkExpiryDaysRange.contains(linkExpiryDays) {
            throw ValidationError(
                "--link-expiry-days must be between 1 and 7 (a presigned URL works for at most 7 days), not \(linkExpiryDays)")
        }
        guard isUsed else {
            if !to.isEmpty || from != nil || subject != nil || caFile != nil || mailLinks {
                throw ValidationError(
                    "--mail-to, --mail-from, --mail-subject, --smtp-ca-file and --mail-links need --smtp-url, --sendmail, --ses-region or --eml"
                )
            }
            return
        }
        guard from != nil, !to.isEmpty else {
            throw ValidationError(
                "--smtp-url, --sendmail, --ses-region and --eml need --mail-from and at least one --mail-to")
        }
        if let sesRegion, !AWSRegion.isValid(sesRegion) {
            throw ValidationError("--ses-region \(ServerText.quoted(sesRegion)) is not an AWS region; write it like us-east-1")
        }
        if caFile != nil && smtpURL == nil { throw ValidationError("--smtp-ca-file is for --smtp-url") }
        if let caFile {
            do {
                try UserFile.checkRegular(caFile, what: "--smtp-ca-file")
            } catch {
                throw ValidationError(error.description)
            }
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw ValidationError("--smtp-ca-file \(caFile) is not a readable file")
            }
        }
        if let sendmail, !FileManager.default.isExecutableFile(atPath: sendmail) {
            throw ValidationError(
                "--sendmail \(sendmail) is not an executable file; give the path of sendmail, e.g. /usr/sbin/sendmail")
        }
        guard !passwordVariable.isEmpty, !passwordVariable.contains("=") else {
            throw ValidationError("--smtp-password-env needs the name of an environment variable")
        }
        do {
            _ = try parsed()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The checks that need another option group: `--mail-links` links to what `--s3-uri`
    /// uploads, so it needs it. Called from `RunCommand.validate()` with whether `--s3-uri` was given.
    func validate(s3Configured: Bool) throws {
        if mailLinks && !s3Configured {
            throw ValidationError("--mail-links links to the reports uploaded by --s3-uri: give --s3-uri too")
        }
    }

    /// The options as values; throws the first one that does not parse.
    private func parsed() throws(MailError) -> (from: MailAddress, to: [MailAddress], subject: SubjectTemplate, url: SMTPURL?) {
        let sender = try MailAddress(parsing: from ?? "", field: "--mail-from")
        var recipients: [MailAddress] = []
        for address in to { recipients.append(try MailAddress(parsing: address, field: "--mail-to")) }
        let template = try SubjectTemplate(subject ?? SubjectTemplate.defaultText)
        let url = try smtpURL.map { (text) throws(MailError) in try SMTPURL(parsing: text) }
        return (sender, recipients, template, url)
    }

    /// Builds the message and hands it on: written to --eml first when asked, then sent by
    /// SMTP, sendmail or SES. The SMTP password is read from `environment` here, only when the
    /// URL has a user. `aws` is the run's AWS client, needed for --ses-region (SES signs with the
    /// run's credentials). Returns SES's MessageId when the message went through SES. Nothing
    /// here logs the message, the credentials or a link.
    @discardableResult
    func deliver(_ content: MailContent, environment: [String: String], aws: AWSClient? = nil) async throws -> String? {
        let options = try parsed()
        let attachments = content.attachments
        let message = MailMessage(
            from: options.from, to: options.to, subject: options.subject.render(content.subjectValues), html: content.html,
            text: content.text, attachments: attachments)
        let mail = try message.encoded()
        if let eml {
            try EMLFile.write(mail, to: URL(fileURLWithPath: eml)) { temporary, writing in
                writing ? TemporaryFiles.register(temporary) : TemporaryFiles.unregister(temporary)
            }
        }
        if let url = options.url {
            let credentials = try SMTPCredentials.forURL(url, passwordVariable: passwordVariable, environment: environment)
            try await SMTPTransport(url: url, credentials: credentials, caFile: caFile).send(mail)
        } else if let sendmail {
            try await SendmailTransport(path: sendmail, tracking: ChildProcessGroups.track).send(mail)
        } else if let sesRegion {
            guard let aws else { throw SESNotConnected() }
            return try await SESClient(client: aws, region: sesRegion).sendRawEmail(
                mail.bytes, from: mail.sender, to: mail.recipients)
        }
        return nil
    }
}

/// `deliver` was asked to send through SES without the run's AWS client: a wiring mistake, said
/// as what the user can do meanwhile rather than a crash after the reports were written.
private struct SESNotConnected: Error, CustomStringConvertible {
    var description: String {
        "--ses-region cannot send: this run has no AWS client to send with; send with --smtp-url or --sendmail instead"
    }
}
