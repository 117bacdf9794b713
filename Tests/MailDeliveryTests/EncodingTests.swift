import Foundation
import Testing

@testable import MailDelivery

/// The small encoders on their own: quoted-printable, base64 lines, dot-stuffing, dates.
@Suite struct EncodingTests {
    @Test func dotStuffingDoublesLeadingDotsAndTerminates() {
        let block = DotStuffing.dataBlock(Array(".a\r\nb.\r\n..c\r\n.\r\n".utf8))
        #expect(String(decoding: block, as: UTF8.self) == "..a\r\nb.\r\n...c\r\n..\r\n.\r\n")
    }

    @Test func dotStuffingMakesLineEndsCRLF() {
        #expect(String(decoding: DotStuffing.dataBlock(Array("a\n.b\rc".utf8)), as: UTF8.self) == "a\r\n..b\r\nc\r\n.\r\n")
        #expect(String(decoding: DotStuffing.dataBlock([]), as: UTF8.self) == ".\r\n")
    }

    @Test func quotedPrintableKeepsLinesShortAndRoundTrips() {
        let text = String(repeating: "abc=\u{e9} ", count: 40) + "\n.dot\ntrailing \nx"
        let encoded = QuotedPrintable.encode(text)
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(!lines.contains { $0.hasPrefix(".") })
        #expect(lines.contains("=2Edot"))
        #expect(lines.contains("trailing=20"))
        #expect(encoded.allSatisfy { $0 < 128 })
        var part = MIMEPart(Array("Content-Transfer-Encoding: quoted-printable\r\n\r\n".utf8) + encoded)
        #expect(String(decoding: part.decoded, as: UTF8.self) == text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
        part.body = []
        #expect(QuotedPrintable.encode("").isEmpty)
    }

    @Test func base64MatchesFoundation() {
        for count in [0, 1, 2, 3, 56, 57, 58, 1000] {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37) }
            let ours = String(decoding: Base64Lines.encode(bytes), as: UTF8.self)
            let theirs = Data(bytes).base64EncodedString(options: [
                .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
            ])
            #expect(ours == (theirs.isEmpty ? "" : theirs + "\r\n"))
        }
    }

    @Test func rfc5322Dates() {
        #expect(RFC5322Date.string(from: Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(RFC5322Date.string(from: Date(timeIntervalSince1970: 1_795_500_000)) == "Tue, 24 Nov 2026 06:00:00 +0000")
    }

    @Test func encodedWordsHoldWholeCharactersAndStayShort() {
        let words = HeaderEncoding.encodedWords(String(repeating: "\u{1F600}\u{e9}", count: 30))
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.utf8.count <= 75 && $0.hasPrefix("=?utf-8?B?") && $0.hasSuffix("?=") })
        for word in words {
            let payload = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!
            #expect(String(validating: Array(payload), as: UTF8.self) != nil)
        }
    }
}
