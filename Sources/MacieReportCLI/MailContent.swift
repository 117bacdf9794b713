import Foundation
import JobFetch
import JobTransform
import Macie2Model
import MailDelivery
import ReportPipeline
import ReportRender

/// What goes in the message; built by RunCommand after the reports are written.
struct MailContent {
    /// The subject template's values by placeholder name (see `SubjectTemplate.placeholders`).
    var subjectValues: [String: String]
    /// report.html as written, or `nil` when it was not (then the message is plain text).
    var html: String?
    var text: String
    /// The written files other than report.html: the CSVs and the workbook, as read back
    /// while the output directory was locked; none when the message links to them instead.
    var attachments: [MailAttachment]

    /// The content for a finished run: counts from the report, files from the output directory.
    /// The change counts (new, removed, changed, recovered, newErrors) are 0 without `--history`.
    ///
    /// With `links` (`--mail-links`: the files uploaded, each with its presigned URL) nothing is
    /// attached: the text part opens with the list of links, and report.html, still the body,
    /// gets the same list as a small block at the top of its `<body>`; a report.html above
    /// `ReportLinks.bodyLimit` is replaced by a short page of the links and the summary, so the
    /// message stays small at any size. `nil` attaches the files.
    static func make(_ result: ReportPipeline.Result, links: [ReportLink]? = nil) -> MailContent {
        let report = result.report
        let text = PlainTextSummary.render(report)
        if let links {
            return MailContent(
                subjectValues: subjectValues(report), html: linkedBody(result, links: links, summary: text),
                text: ReportLinks.text(links) + text, attachments: [])
        }
        let html = result.fileContents.first { $0.url.lastPathComponent == "report.html" }
            .map { String(decoding: $0.data, as: UTF8.self) }
        return MailContent(
            subjectValues: subjectValues(report), html: html, text: text,
            attachments: result.fileContents.filter { $0.url.lastPathComponent != "report.html" }.map {
                MailAttachment(filename: $0.url.lastPathComponent, data: $0.data)
            })
    }

    /// The HTML body of a message with links: report.html (from the files kept in memory, else
    /// read from the file opened under the lock) with the links block, or, above
    /// `ReportLinks.bodyLimit`, a short page of the links and the summary; `nil` without report.html.
    static func linkedBody(_ result: ReportPipeline.Result, links: [ReportLink], summary: String) -> String? {
        let page: String
        if let kept = result.fileContents.first(where: { $0.url.lastPathComponent == "report.html" }) {
            page = String(decoding: kept.data, as: UTF8.self)
        } else if let opened = result.openFiles.first(where: { $0.url.lastPathComponent == "report.html" }) {
            guard opened.size <= ReportLinks.bodyLimit, let bytes = try? opened.read(0..<opened.size) else {
                return ReportLinks.standIn(links, pageBytes: opened.size, summary: summary)
            }
            page = String(decoding: bytes, as: UTF8.self)
        } else {
            return nil
        }
        return page.utf8.count > ReportLinks.bodyLimit
            ? ReportLinks.standIn(links, pageBytes: page.utf8.count, summary: summary)
            : ReportLinks.inserting(links, into: page)
    }

    static func subjectValues(_ report: ReportModel) -> [String: String] {
        // The report's own UTC timestamp text, cut to the day.
        let date = String(ISO8601Timestamp.format(report.asOf).prefix(10))
        var values = [
            "jobs": report.records.count,
            "errors": report.errorCount,
            "attention": report.attention.count,
            "expiring": report.attentionCount(.expiringSoon),
            "paused": report.attentionCount(.pausedByQuota),
            // What the walk could not see: 0 for a run of one account with every region read.
            "macieOff": report.coverageCount(.macieOff),
            "notReached": report.accountsNotReached.count,
        ].mapValues(String.init)
        values["date"] = date
        let changes = report.changes
        let counts: [String: ChangeKind] = [
            "new": .new, "removed": .removed, "changed": .statusChanged, "recovered": .recovered, "newErrors": .newError,
        ]
        for (name, kind) in counts { values[name] = String(changes?.count(kind) ?? 0) }
        return values
    }
}
