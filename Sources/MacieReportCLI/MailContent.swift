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
        let html = result.fileContents.first { $0.url.lastPathComponent == "report.html" }
            .map { String(decoding: $0.data, as: UTF8.self) }
        let text = PlainTextSummary.render(report)
        if let links {
            let body = html.map { page in
                page.utf8.count > ReportLinks.bodyLimit
                    ? ReportLinks.standIn(links, pageBytes: page.utf8.count, summary: text)
                    : ReportLinks.inserting(links, into: page)
            }
            return MailContent(
                subjectValues: subjectValues(report), html: body, text: ReportLinks.text(links) + text, attachments: [])
        }
        return MailContent(
            subjectValues: subjectValues(report), html: html, text: text,
            attachments: result.fileContents.filter { $0.url.lastPathComponent != "report.html" }.map {
                MailAttachment(filename: $0.url.lastPathComponent, data: $0.data)
            })
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
