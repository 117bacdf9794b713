/// Builds the MIME byte stream: header lines, part headers, encoded bodies and boundaries,
/// every line ending in CRLF.
///
/// Every body is base64 or quoted-printable, and boundaries start with `=_`: base64 never
/// contains `=_`, and quoted-printable writes `=` only before two hex digits or a line break,
/// so a boundary can never occur inside a body, whatever the reports contain.
struct MIMEWriter {
    private(set) var bytes: [UInt8] = []

    static func boundary(_ generator: inout some RandomNumberGenerator) -> String {
        "=_macie_" + MailMessage.token(&generator)
    }

    mutating func line(_ text: String) {
        bytes += text.utf8
        bytes += [13, 10]
    }

    /// A header (already folded by ``HeaderEncoding``).
    mutating func header(_ text: String) { line(text) }

    mutating func blankLine() { bytes += [13, 10] }

    /// Starts the next part of a multipart body.
    mutating func open(_ boundary: String) { line("--\(boundary)") }

    /// Ends a multipart body.
    mutating func close(_ boundary: String) { line("--\(boundary)--") }

    /// `multipart/alternative`: the plain text first, the HTML last (the one clients prefer).
    mutating func alternative(text: String, html: String, boundary: String) {
        header("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
        blankLine()
        open(boundary)
        textPart(text)
        open(boundary)
        header("Content-Type: text/html; charset=utf-8")
        header("Content-Transfer-Encoding: base64")
        blankLine()
        Base64Lines.append(html.utf8, to: &bytes)
        close(boundary)
    }

    /// text/plain in quoted-printable, readable in the raw message.
    mutating func textPart(_ text: String) {
        header("Content-Type: text/plain; charset=utf-8")
        header("Content-Transfer-Encoding: quoted-printable")
        blankLine()
        bytes += QuotedPrintable.encode(text)
    }

    /// A file, base64, with its name in both Content-Type (older clients) and Content-Disposition.
    mutating func attachment(_ attachment: MailAttachment) {
        let type =
            attachment.contentType.hasPrefix("text/") && !attachment.contentType.contains(";")
            ? "\(attachment.contentType); charset=utf-8" : attachment.contentType
        header("Content-Type: \(type);\r\n \(HeaderEncoding.parameter("name", attachment.filename))")
        header("Content-Disposition: attachment;\r\n \(HeaderEncoding.parameter("filename", attachment.filename))")
        header("Content-Transfer-Encoding: base64")
        blankLine()
        Base64Lines.append(attachment.data, to: &bytes)
    }
}
