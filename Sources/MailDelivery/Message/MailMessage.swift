import Foundation

/// The report email: an HTML body with a plain-text alternative, and the report files attached.
///
/// A value; ``encoded(using:)`` turns it into RFC 5322/2045 bytes. Every header is checked
/// for line breaks there, so no option or template value can add headers of its own.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    /// The Date header: when the message was made, not the report's as-of time.
    public var date: Date
    /// The HTML body; `nil` sends the text alone (for example when report.html was not written).
    public var html: String?
    public var text: String
    public var attachments: [MailAttachment]

    public init(
        from: MailAddress, to: [MailAddress], subject: String, date: Date = Date(), html: String?, text: String,
        attachments: [MailAttachment] = []
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.html = html
        self.text = text
        self.attachments = attachments
    }

    /// The message with its SMTP envelope. Boundaries and the Message-ID come from
    /// `generator`, so tests can fix them.
    public func encoded(using generator: inout some RandomNumberGenerator) throws(MailError) -> EncodedMail {
        guard !to.isEmpty else { throw .usage("a message needs at least one recipient; give --mail-to") }
        try Self.checkHeaderText(subject, field: "the mail subject")
        for attachment in attachments {
            try Self.checkHeaderText(attachment.filename, field: "attachment name \(attachment.filename)")
            try Self.checkHeaderText(attachment.contentType, field: "content type of \(attachment.filename)")
        }
        var out = MIMEWriter()
        out.header(HeaderEncoding.fold("From:", [from.description]))
        out.header(HeaderEncoding.fold("To:", to.map(\.description), separator: ","))
        out.header(HeaderEncoding.unstructured("Subject", subject))
        out.header("Date: \(RFC5322Date.string(from: date))")
        out.header("Message-ID: <\(Self.token(&generator))@\(Self.domain(of: from))>")
        out.header("MIME-Version: 1.0")

        let alternative = html.map { ($0, MIMEWriter.boundary(&generator)) }
        if attachments.isEmpty, let (html, boundary) = alternative {
            out.alternative(text: text, html: html, boundary: boundary)
        } else if attachments.isEmpty {
            out.textPart(text)
        } else {
            let mixed = MIMEWriter.boundary(&generator)
            out.header("Content-Type: multipart/mixed;\r\n boundary=\"\(mixed)\"")
            out.blankLine()
            out.line("This is a message in MIME format.")
            out.open(mixed)
            if let (html, boundary) = alternative {
                out.alternative(text: text, html: html, boundary: boundary)
            } else {
                out.textPart(text)
            }
            for attachment in attachments {
                out.open(mixed)
                out.attachment(attachment)
            }
            out.close(mixed)
        }
        return EncodedMail(sender: from.address, recipients: to.map(\.address), bytes: out.bytes)
    }

    /// ``encoded(using:)`` with the system's random numbers.
    public func encoded() throws(MailError) -> EncodedMail {
        var generator = SystemRandomNumberGenerator()
        return try encoded(using: &generator)
    }

    static func checkHeaderText(_ text: String, field: String) throws(MailError) {
        if HeaderEncoding.hasControlCharacters(text, allowingTab: true) {
            throw .headerInjection(field: field)
        }
    }

    static func token(_ generator: inout some RandomNumberGenerator) -> String {
        (0..<4).map { _ in String(generator.next() as UInt32, radix: 16).leftPadded(to: 8) }.joined()
    }

    private static func domain(of address: MailAddress) -> String {
        address.address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}

/// A message ready to hand to a transport: the bytes, and who it is from and to for the SMTP envelope.
public struct EncodedMail: Sendable, Equatable {
    /// MAIL FROM: the sender's addr-spec.
    public var sender: String
    /// RCPT TO: every recipient's addr-spec, in order.
    public var recipients: [String]
    /// The message: CRLF line endings, 7-bit, lines well under SMTP's 998-character limit.
    public var bytes: [UInt8]

    /// For messages made elsewhere (an existing .eml, a test); ``MailMessage/encoded(using:)`` makes the usual ones.
    public init(sender: String, recipients: [String], bytes: [UInt8]) {
        self.sender = sender
        self.recipients = recipients
        self.bytes = bytes
    }
}

/// Something that delivers an ``EncodedMail``: SMTP, sendmail, or a test double.
public protocol MailTransport: Sendable {
    func send(_ mail: EncodedMail) async throws(MailError)
}
