import Foundation
import TestSupport
import Testing

@testable import MailDelivery

/// The message bytes, read back with an independent MIME reader: structure, encodings,
/// line discipline, and that nothing from a field can escape into the headers.
@Suite struct MailMessageTests {
    static let binary: Data = {
        var generator = SeededGenerator(state: 7)
        return Data((0..<10_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) } + (0...255).map { UInt8($0) })
    }()
    static let html = "<!DOCTYPE html>\n<p>Jobs \u{2014} r\u{e9}sum\u{e9} \(String(repeating: "x", count: 2000))</p>\n.\n"
    static let text = "76 jobs; 9 ERROR.\n.starts with a dot\nFrom the report = 3 \ntab\tend\t\n\u{e9}t\u{e9}"
    static let date = Date(timeIntervalSince1970: 1_795_500_000)  // Tue, 24 Nov 2026 06:00:00 +0000

    func message(html: String? = MailMessageTests.html, attachments: [MailAttachment]? = nil) throws -> MailMessage {
        MailMessage(
            from: try MailAddress(parsing: "Macie Reports <reports@example.com>"),
            to: [try MailAddress(parsing: "a@example.org"), try MailAddress(parsing: "J. R\u{f6}b <b@example.net>")],
            subject: "Macie jobs 2026-11-24: 9 ERROR, 5 expiring, 0 new", date: Self.date, html: html, text: Self.text,
            attachments: attachments ?? [
                MailAttachment(filename: "jobs.csv", contentType: "text/csv", data: Data("a,b\r\n1,\"x\ny\"\n".utf8)),
                MailAttachment(
                    filename: "report.xlsx", contentType: MailAttachment.contentType(forFileName: "report.xlsx"),
                    data: Self.binary),
            ])
    }

    func encode(_ message: MailMessage, seed: UInt64 = 1) throws -> [UInt8] {
        var generator = SeededGenerator(state: seed)
        return try message.encoded(using: &generator).bytes
    }

    @Test func structureRoundTripsThroughAnIndependentReader() throws {
        let root = MIMEPart(try encode(try message()))
        #expect(root.header("MIME-Version") == "1.0")
        #expect(root.header("Date") == "Tue, 24 Nov 2026 06:00:00 +0000")
        #expect(root.header("Message-ID")?.hasSuffix("@example.com>") == true)
        #expect(root.header("From") == "Macie Reports <reports@example.com>")
        #expect(root.header("To") == "a@example.org, =?utf-8?B?Si4gUsO2Yg==?= <b@example.net>")
        #expect(root.header("Content-Type")?.hasPrefix("multipart/mixed;") == true)
        let parts = root.parts
        #expect(parts.count == 3)
        #expect(parts[0].header("Content-Type")?.hasPrefix("multipart/alternative;") == true)
        let alternatives = parts[0].parts
        #expect(alternatives.map { $0.header("Content-Type") } == ["text/plain; charset=utf-8", "text/html; charset=utf-8"])
        #expect(alternatives[1].decoded == Array(Self.html.utf8))
        #expect(
            String(decoding: alternatives[0].decoded, as: UTF8.self) == Self.text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(parts[1].header("Content-Disposition") == "attachment; filename=\"jobs.csv\"")
        #expect(parts[1].header("Content-Type") == "text/csv; charset=utf-8; name=\"jobs.csv\"")
        #expect(parts[1].decoded == Array("a,b\r\n1,\"x\ny\"\n".utf8))
        #expect(
            parts[2].header("Content-Type")
                == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name=\"report.xlsx\"")
        #expect(parts[2].decoded == Array(Self.binary))
    }

    @Test func everyLineEndsInCRLFIsSevenBitAndShort() throws {
        let bytes = try encode(try message())
        #expect(bytes.suffix(2) == [13, 10])
        #expect(bytes.allSatisfy { $0 < 128 && $0 != 0 })
        for (index, byte) in bytes.enumerated() where byte == 10 || byte == 13 {
            if byte == 10 { #expect(index > 0 && bytes[index - 1] == 13, "bare LF at \(index)") }
            if byte == 13 { #expect(index + 1 < bytes.count && bytes[index + 1] == 10, "bare CR at \(index)") }
        }
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        // SMTP's hard limit is 998; we keep to RFC 5322's advice of 78, except where a MIME type
        // name is longer by itself (the XLSX type), and bodies to RFC 2045's 76.
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        #expect(lines.filter { !$0.hasPrefix("Content-Type: application/vnd.") }.allSatisfy { $0.utf8.count <= 78 })
        let bodyLines = lines.filter { !$0.contains(":") && !$0.hasPrefix(" ") && !$0.hasPrefix("--") }
        #expect(bodyLines.count > 100)
        #expect(bodyLines.allSatisfy { $0.utf8.count <= 76 })
    }

    @Test func boundariesAreRandomPerMessageAndAbsentFromContent() throws {
        let first = MIMEPart(try encode(try message(), seed: 1))
        let second = MIMEPart(try encode(try message(), seed: 2))
        let boundary = try #require(first.parameter("Content-Type", "boundary"))
        #expect(boundary != second.parameter("Content-Type", "boundary"))
        #expect(boundary.hasPrefix("=_"))
        // Only the delimiter lines carry it: 3 parts open it, 1 closes it.
        let occurrences = String(decoding: first.body, as: UTF8.self).components(separatedBy: boundary).count - 1
        #expect(occurrences == 4)
        #expect(try encode(try message(), seed: 1) == encode(try message(), seed: 1))
    }

    @Test func withoutHTMLTheBodyIsTheTextPart() throws {
        let bare = MIMEPart(try encode(try message(html: nil, attachments: [])))
        #expect(bare.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(bare.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(String(decoding: bare.decoded, as: UTF8.self).hasPrefix("76 jobs; 9 ERROR.\r\n.starts"))

        let noAttachments = MIMEPart(try encode(try message(attachments: [])))
        #expect(noAttachments.header("Content-Type")?.hasPrefix("multipart/alternative;") == true)
        #expect(noAttachments.parts.count == 2)

        let textAndFiles = MIMEPart(try encode(try message(html: nil)))
        #expect(textAndFiles.parts.map { $0.header("Content-Type")?.prefix(10) } == ["text/plain", "text/csv; ", "applicatio"])
    }

    @Test func nonASCIISubjectAndFileNamesAreEncoded() throws {
        var mail = try message(attachments: [
            MailAttachment(filename: "\u{e9}t\u{e9} 2026.csv", contentType: "text/csv", data: Data())
        ])
        mail.subject = "Macie \u{2014} r\u{e9}sum\u{e9} " + String(repeating: "\u{fc}", count: 40)
        let root = MIMEPart(try encode(mail))
        let subject = try #require(root.header("Subject"))
        #expect(subject.hasPrefix("=?utf-8?B?"))
        #expect(decodeEncodedWords(subject) == mail.subject)
        #expect(root.parts[1].header("Content-Disposition") == "attachment; filename*=utf-8''%C3%A9t%C3%A9%202026.csv")
    }

    @Test func longASCIISubjectFoldsAtSpaces() throws {
        var mail = try message()
        mail.subject = Array(repeating: "word", count: 40).joined(separator: " ")
        let bytes = try encode(mail)
        let head = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
        #expect(head.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(MIMEPart(bytes).header("Subject") == mail.subject)
    }

    @Test(arguments: [
        "x\r\nBcc: victim@example.org", "x\nBcc: victim@example.org", "x\rBcc: v@example.org", "x\u{0}y", "x\u{2028}y",
    ])
    func headerInjectionIsRefused(_ hostile: String) throws {
        var mail = try message()
        mail.subject = hostile
        #expect(throws: MailError.self) { try encode(mail) }
        mail = try message(attachments: [MailAttachment(filename: hostile, contentType: "text/csv", data: Data())])
        #expect(throws: MailError.self) { try encode(mail) }
        #expect(throws: MailError.self) { try MailAddress(parsing: "a@example.org\(hostile)") }
        #expect(throws: MailError.self) { try MailAddress(parsing: "\(hostile) <a@example.org>") }
    }

    @Test(arguments: [
        "", "plain", "@example.org", "a@", "a b@example.org", "a@b@c", "<a@example.org", "a@exa..mple", "\u{e9}@example.org",
    ])
    func malformedAddressesAreRefused(_ text: String) {
        #expect(throws: MailError.self) { try MailAddress(parsing: text, field: "--mail-to") }
    }

    @Test func addressForms() throws {
        #expect(try MailAddress(parsing: " a@example.org ").description == "a@example.org")
        #expect(try MailAddress(parsing: "<a@example.org>").description == "a@example.org")
        #expect(try MailAddress(parsing: "\"Ops, Team\" <a@example.org>").description == "\"Ops, Team\" <a@example.org>")
        #expect(try MailAddress(parsing: "Ops Team <a@example.org>").address == "a@example.org")
    }

    @Test func knownAnswerForASmallMessage() throws {
        let mail = MailMessage(
            from: try MailAddress(parsing: "r@example.com"), to: [try MailAddress(parsing: "a@example.org")], subject: "Hi",
            date: Self.date, html: nil, text: "one\ntwo")
        var generator = SeededGenerator(state: 42)
        let encoded = try mail.encoded(using: &generator)
        #expect(encoded.sender == "r@example.com")
        #expect(encoded.recipients == ["a@example.org"])
        let expected = [
            "From: r@example.com", "To: a@example.org", "Subject: Hi", "Date: Tue, 24 Nov 2026 06:00:00 +0000",
            "Message-ID: <\(messageID(seed: 42))@example.com>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable", "", "one", "two", "",
        ].joined(separator: "\r\n")
        #expect(String(decoding: encoded.bytes, as: UTF8.self) == expected)
    }

    @Test func contentTypesByExtension() {
        #expect(MailAttachment.contentType(forFileName: "jobs.csv") == "text/csv")
        #expect(
            MailAttachment.contentType(forFileName: "REPORT.XLSX")
                == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(MailAttachment.contentType(forFileName: "report.html") == "text/html")
        #expect(MailAttachment.contentType(forFileName: "README") == "application/octet-stream")
    }

    private func messageID(seed: UInt64) -> String {
        var generator = SeededGenerator(state: seed)
        return MailMessage.token(&generator)
    }

    /// RFC 2047 B-words joined, as a mail client shows them.
    private func decodeEncodedWords(_ header: String) -> String {
        var bytes: [UInt8] = []
        for word in header.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let payload = word.dropFirst("=?utf-8?B?".count).dropLast(2)
            bytes += Data(base64Encoded: String(payload)) ?? Data()
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
