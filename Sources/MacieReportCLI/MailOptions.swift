import ArgumentParser
import ChildProcess
import FileInput
import Foundation
import MailDelivery
import ReportPipeline

/// The email flags, in one group so `run` stays readable.
///
/// The message is sent after the reports are written, so a delivery failure never costs the
/// reports. Every mail output (SMTP, sendmail, --eml) needs --mail-from and --mail-to: the
/// .eml file is exactly the message that would be sent, ready for `sendmail -t < FILE`.
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
        name: .customLong("eml"),
        help: ArgumentHelp("Write the message to FILE (alone, or as well as sending it).", valueName: "FILE"))
    var eml: String?

    /// Whether a message is to be made at all.
    var isUsed: Bool { smtpURL != nil || sendmail != nil || eml != nil }

    func validate() throws {
        if smtpURL != nil && sendmail != nil {
            throw ValidationError("--smtp-url and --sendmail are two ways to send; give one")
        }
        guard isUsed else {
            if !to.isEmpty || from != nil || subject != nil || caFile != nil {
                throw ValidationError(
                    "--mail-to, --mail-from, --mail-subject and --smtp-ca-file need --smtp-url, --sendmail or --eml")
            }
            return
        }
        guard from != nil, !to.isEmpty else {
            throw ValidationError("--smtp-url, --sendmail and --eml need --mail-from and at least one --mail-to")
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
    /// SMTP or sendmail. The SMTP password is read from `environment` here, only when the URL has a user.
    func deliver(_ content: MailContent, environment: [String: String]) async throws(MailError) {
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
        }
    }
}
