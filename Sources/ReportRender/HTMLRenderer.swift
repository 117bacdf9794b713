import Foundation
import JobTransform

/// `report.html`: one self-contained page for the email body, rendered with Mustache from
/// the embedded templates or a user's own.
public struct HTMLRenderer: ReportRenderer {
    public let fileName = "report.html"
    public let templates: TemplateLibrary

    public init(templates: TemplateLibrary) { self.templates = templates }

    public func write(_ report: ReportModel, to url: URL) throws {
        let view = HTMLReportView.make(report)
        let sink = try FileSink(creating: url)
        if templates.streamed != nil {
            try templates.writeStreamed(view, records: report.records, accountNames: report.accountNames, to: sink)
        } else {
            try sink.write(templates.render(view))
        }
        try sink.finish()
    }
}
