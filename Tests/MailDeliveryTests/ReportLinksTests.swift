import Foundation
import TestSupport
import Testing

@testable import MailDelivery

/// A message that links to the reports instead of attaching them: no attachment part, every
/// URL given back exactly by both parts (its `&` escaped in the HTML, its `=` and long lines
/// quoted-printable in the text), and report.html still the body with only the block added.
@Suite struct ReportLinksTests {
    static let expires = Date(timeIntervalSince1970: 1_795_500_000 + 7 * 86_400)  // Tue, 01 Dec 2026 06:00:00 +0000

    /// Presigned-URL shaped: `&` between parameters, `%2F` in the credential, longer than a QP line.
    static func url(_ name: String) -> String {
        "https://macie-reports.s3.eu-west-1.amazonaws.com/nightly/2026-11-24/\(name)?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIDEXAMPLE%2F20261124%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20261124T060000Z"
            + "&X-Amz-Expires=604800&X-Amz-SignedHeaders=host&X-Amz-Signature=" + String(repeating: "0f", count: 32)
    }

    static let links = [
        ReportLink(fileName: "report.xlsx", url: url("report.xlsx"), bytes: 1_234_567, expires: expires),
        ReportLink(fileName: "jobs.csv", url: url("jobs.csv"), bytes: 812, expires: expires),
        ReportLink(fileName: "a<b>&\"c'.csv", url: url("odd.csv"), bytes: 14_540, expires: expires.addingTimeInterval(60)),
    ]

    static let page =
        "<!DOCTYPE html>\n<html><head><title>Macie</title></head>\n<BODY class=\"report\" data-x='1'>\n<h1>76 jobs</h1>\n</BODY></html>\n"

    func message(html: String?, text: String) throws -> MIMEPart {
        let message = MailMessage(
            from: try MailAddress(parsing: "reports@example.com"), to: [try MailAddress(parsing: "a@example.org")],
            subject: "Macie", html: html, text: text, attachments: [])
        var generator = SeededGenerator(state: 3)
        return MIMEPart(try message.encoded(using: &generator).bytes)
    }

    @Test func theTextBlockListsEachFileWithItsSizeAndLink() {
        #expect(
            ReportLinks.text(Self.links) == """
                Reports
                - report.xlsx (1.2 MB):
                  \(Self.url("report.xlsx"))
                - jobs.csv (812 bytes):
                  \(Self.url("jobs.csv"))
                - a<b>&"c'.csv (14.2 KB):
                  \(Self.url("odd.csv"))
                The links expire on Tue, 01 Dec 2026 06:00:00 +0000.


                """)
    }

    @Test func theHTMLBlockGoesRightAfterTheBodyTagAndEscapesEverything() throws {
        let page = ReportLinks.inserting(Self.links, into: Self.page)
        let block = ReportLinks.html(Self.links)
        #expect(
            page == "<!DOCTYPE html>\n<html><head><title>Macie</title></head>\n<BODY class=\"report\" data-x='1'>\n" + block
                + "\n<h1>76 jobs</h1>\n</BODY></html>\n")
        let escaped = Self.url("jobs.csv").replacingOccurrences(of: "&", with: "&amp;")
        #expect(block.contains("<li><a href=\"\(escaped)\">jobs.csv</a> (812 bytes)</li>"))
        #expect(block.contains(">a&lt;b&gt;&amp;&quot;c&#39;.csv</a> (14.2 KB)</li>"))
        #expect(!block.contains("a<b>"))
        #expect(block.contains("The links expire on Tue, 01 Dec 2026 06:00:00 +0000."))
        // No <body> tag (a --templates page may have none): the block comes first.
        #expect(ReportLinks.inserting(Self.links, into: "<p>x</p>") == block + "<p>x</p>")
        // `<bodyx>` is not a body tag; the real one after it is.
        #expect(ReportLinks.inserting(Self.links, into: "<bodyx><body>x") == "<bodyx><body>\n" + block + "x")
    }

    @Test func aPageTooBigForABodyIsReplacedByTheLinksAndTheSummary() {
        let page = ReportLinks.standIn(Self.links, pageBytes: 61_000_000, summary: "76 jobs <b>& 9 ERROR</b>")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains(ReportLinks.html(Self.links)), "the same links block")
        #expect(page.contains("report.html is 58.2 MB, too large to be this message's body"))
        #expect(page.contains("76 jobs &lt;b&gt;&amp; 9 ERROR&lt;/b&gt;"), "the summary, escaped")
        #expect(page.utf8.count < 5_000)
    }

    @Test func sizesAreInPowersOf1024() {
        #expect(
            [0, 1, 1023, 1024, 14_540, 1_234_567, 5 << 30].map(ReportLink.sizeText) == [
                "0 bytes", "1 byte", "1023 bytes", "1.0 KB", "14.2 KB", "1.2 MB", "5.0 GB",
            ])
    }

    @Test func theMessageHasNoAttachmentsAndGivesBackEveryURLExactly() throws {
        let text = ReportLinks.text(Self.links) + "76 jobs; 9 ERROR."
        let html = ReportLinks.inserting(Self.links, into: Self.page)
        let root = try message(html: html, text: text)
        #expect(root.header("Content-Type")?.hasPrefix("multipart/alternative;") == true)
        let parts = root.parts
        #expect(parts.map { $0.header("Content-Type") } == ["text/plain; charset=utf-8", "text/html; charset=utf-8"])
        #expect(parts.allSatisfy { $0.header("Content-Disposition") == nil })
        let plain = String(decoding: parts[0].decoded, as: UTF8.self)
        let body = String(decoding: parts[1].decoded, as: UTF8.self)
        #expect(plain == text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(body == html)
        for link in Self.links {
            #expect(plain.contains(link.url))
            #expect(body.contains("href=\"\(link.url.replacingOccurrences(of: "&", with: "&amp;"))\""))
            #expect(!body.contains(link.url), "an unescaped & in the HTML")
        }
        // The raw text part is quoted-printable (`=` as `=3D`, long lines soft-broken): only decoding gives the URL back.
        let raw = String(decoding: parts[0].body, as: UTF8.self)
        #expect(raw.contains("=3D") && !raw.contains(Self.links[0].url))
    }

    @Test func withoutReportHTMLTheTextPartCarriesTheLinks() throws {
        let text = ReportLinks.text(Self.links) + "76 jobs."
        let root = try message(html: nil, text: text)
        #expect(root.header("Content-Type") == "text/plain; charset=utf-8")
        let plain = String(decoding: root.decoded, as: UTF8.self)
        for link in Self.links { #expect(plain.contains(link.url)) }
    }
}
