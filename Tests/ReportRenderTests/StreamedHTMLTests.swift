import Foundation
import TestSupport
import Testing

@testable import ReportRender

/// The page written in parts must be the page Mustache renders whole, byte for byte.
@Suite struct StreamedHTMLTests {
    @Test func streamedPageEqualsTheWholePage() async throws {
        let report = try await RenderFixture.demo()
        let templates = try TemplateLibrary.builtIn()
        #expect(templates.streamed != nil, "the built-in report template can be streamed")
        let whole = templates.renderWhole(HTMLReportView.make(report))
        let streamed = try RenderFixture.renderText(HTMLRenderer(templates: templates), report)
        #expect(streamed == whole)
        #expect(streamed.contains("All jobs (76)") && streamed.hasSuffix("</html>\n"))
    }

    @Test func rowsSeeThePagesValuesAndOddTemplatesRenderWhole() async throws {
        let report = try await RenderFixture.demo()
        let folder = try TestSupport.folder(with: [
            "report.mustache": "<h1>{{totalJobs}}</h1>{{#jobs}}[{{name}} of {{totalJobs}}]{{/jobs}}<p>{{^jobs}}none{{/jobs}}</p>"
        ])
        let templates = try TemplateLibrary.withOverrides(from: folder)
        // Two sections named jobs (one inverted) cannot be cut: rendered whole, same result.
        let text = try RenderFixture.renderText(HTMLRenderer(templates: templates), report)
        #expect(text == templates.renderWhole(HTMLReportView.make(report)))
        let simple = try TestSupport.folder(with: [
            "report.mustache": "{{totalJobs}}:{{#jobs}}{{region}}/{{totalJobs}};{{/jobs}}end"
        ])
        let cut = try TemplateLibrary.withOverrides(from: simple)
        #expect(cut.streamed != nil)
        let streamed = try RenderFixture.renderText(HTMLRenderer(templates: cut), report)
        #expect(streamed == cut.renderWhole(HTMLReportView.make(report)))
        #expect(streamed.hasPrefix("76:ap-southeast-2/76;") && streamed.hasSuffix("us-east-1/76;end"))
    }
}
