import Foundation

/// The "Reports" block of a message that links to the reports instead of attaching them: one
/// entry per file (name, size, link) and when the links expire, as plain text for the text
/// part and as a small styled HTML block put at the top of report.html's body.
///
/// report.html stays the body as written: the block goes right after its `<body…>` tag
/// (before everything when there is none), and nothing else of the page changes. Every name
/// and URL is HTML-escaped, so a file name or a URL's `&` can never become markup.
public enum ReportLinks {
    /// The text part's block, to put before the summary text.
    public static func text(_ links: [ReportLink]) -> String {
        var lines = ["Reports"]
        for link in links {
            lines.append("- \(link.fileName) (\(ReportLink.sizeText(link.bytes))):")
            lines.append("  \(link.url)")
        }
        if let expiry = expiryText(links) { lines.append("The links expire on \(expiry).") }
        return lines.joined(separator: "\n") + "\n\n"
    }

    /// The HTML block: inline styles only (mail clients drop `<style>` and scripts).
    public static func html(_ links: [ReportLink]) -> String {
        var out = #"<div style="margin:0 0 16px;padding:12px 16px;border:1px solid #d0d7de;border-radius:6px;"#
        out += #"background:#f6f8fa;font-family:Helvetica,Arial,sans-serif;font-size:14px;color:#1f2328">"#
        out += "\n" + #"<p style="margin:0 0 8px;font-weight:bold">Reports</p>"# + "\n"
        out += #"<ul style="margin:0;padding-left:20px">"# + "\n"
        for link in links {
            out += #"<li><a href=""# + escape(link.url) + #"">"# + escape(link.fileName) + "</a> ("
            out += escape(ReportLink.sizeText(link.bytes)) + ")</li>\n"
        }
        out += "</ul>\n"
        if let expiry = expiryText(links) {
            out += #"<p style="margin:8px 0 0;color:#59636e">The links expire on "# + escape(expiry) + ".</p>\n"
        }
        return out + "</div>\n"
    }

    /// The largest report.html that is still the body of a message with links: 10 MB, the
    /// limit of many mail servers (and of SES's v1 API). Above it (about 15 000 jobs) the body
    /// would make the message too big to deliver, which links are there to prevent.
    public static let bodyLimit = 10_000_000

    /// The body instead of a report.html above ``bodyLimit``: the links block, one sentence
    /// saying why the page is not the body, and the plain-text summary, so the message stays
    /// small at any size and still says what the night found.
    public static func standIn(_ links: [ReportLink], pageBytes: Int, summary: String) -> String {
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Macie classification jobs</title></head><body>\n"
            + html(links)
            + "<p style=\"font-family:Helvetica,Arial,sans-serif;font-size:14px\">report.html is "
            + escape(ReportLink.sizeText(pageBytes))
            + ", too large to be this message's body: open it from the link above.</p>\n"
            + "<pre style=\"font-size:13px;white-space:pre-wrap\">" + escape(summary) + "</pre>\n</body></html>\n"
    }

    /// `page` with ``html(_:)`` right after its `<body…>` tag (any case, any attributes); a
    /// page without one gets the block first.
    public static func inserting(_ links: [ReportLink], into page: String) -> String {
        let block = html(links)
        guard let end = bodyTagEnd(page) else { return block + page }
        return String(page[..<end]) + "\n" + block + String(page[end...])
    }

    /// Where the first `<body` tag's `>` ends, for `<body>` and `<body class="x">` alike, not `<bodyx>`.
    static func bodyTagEnd(_ page: String) -> String.Index? {
        var searchFrom = page.startIndex
        while let open = page.range(of: "<body", options: .caseInsensitive, range: searchFrom..<page.endIndex) {
            let next = open.upperBound < page.endIndex ? page[open.upperBound] : " "
            if next == ">" || next == "/" || next.isWhitespace,
                let close = page.range(of: ">", range: open.upperBound..<page.endIndex)
            {
                return close.upperBound
            }
            searchFrom = open.upperBound
        }
        return nil
    }

    /// The earliest expiry, as the Date header writes dates (UTC, English names).
    static func expiryText(_ links: [ReportLink]) -> String? {
        links.map(\.expires).min().map(RFC5322Date.string(from:))
    }

    /// `&`, `<`, `>`, `"` and `'` as entities: enough for text and for a double-quoted attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
