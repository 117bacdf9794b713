import Foundation
import JobTransform
import ReportRender
import TestSupport
import Testing

@Suite struct HTMLRendererTests {
    /// What HTML escaping must turn a value into, written independently of the renderer.
    func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test func escapesEveryValueAndShowsEveryJob() async throws {
        let report = try await RenderFixture.demo()
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), report)
        for record in report.records {
            #expect(html.contains("<bdi>\(escaped(record.name ?? ""))</bdi></a>"), "name of \(record.jobId ?? "")")
            #expect(
                html.contains(
                    "<a href=\"https://\(record.region).console.aws.amazon.com/macie/home?region=\(record.region)#/jobs?jobId=\(record.jobId ?? "")\""
                ))
            #expect(html.contains(record.jobId ?? "(no id)"))
            if let description = record.caveats.first { #expect(html.contains(escaped(description))) }
        }
        for hostile in ["<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "\" onmouseover=\"x"] {
            #expect(!html.contains(hostile), "unescaped \(hostile)")
        }
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("finance &amp;amp; hr &amp;lt;legacy&amp;gt;"), "already-escaped-looking text is escaped again")
    }

    @Test func isSelfContainedForEmail() async throws {
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), try await RenderFixture.demo())
        let lower = html.lowercased()
        for forbidden in ["<script", "<link", "<iframe", "<img", " src=", "url(", "@import", "javascript:", "<object", "<embed"] {
            #expect(!lower.contains(forbidden), "contains \(forbidden)")
        }
        // The only links are to the Macie console, and they are navigation, not resources.
        let links = html.components(separatedBy: " href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!links.isEmpty && links.allSatisfy { $0.contains(".console.aws.amazon.com/macie/home?region=") })
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
    }

    @Test func showsHeadlineAttentionAndCrossTab() async throws {
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), try await RenderFixture.demo())
        #expect(html.contains("As of 2026-11-24 06:00 UTC"))
        #expect(html.contains("Needs attention (18)"))
        #expect(html.contains("expired 2026-11-22 06:00 (2 days ago)"))
        #expect(html.contains("expires 2026-11-25 06:00 (1 day left)"))
        #expect(
            html.contains(
                "<th scope=\"row\" style=\"font-weight:normal;\">COMPLETE</th><td class=\"n\">22</td><td class=\"n\">0</td><td class=\"n\"><strong>22</strong></td>"
            ))
        #expect(html.contains("ARCHIVED <span class=\"new\">(not in the Macie2 model)</span>"))
        let attention = try #require(html.range(of: "Needs attention"))
        let allJobs = try #require(html.range(of: "All jobs (76)"))
        #expect(attention.lowerBound < allJobs.lowerBound)
    }

    @Test func usersTemplatesReplaceTheBuiltInOnesByName() async throws {
        let folder = try TestSupport.folder(with: [
            "report.mustache": "{{#jobs}}{{name}}|{{/jobs}}{{> footer}}",
            "footer.mustache": "<footer>{{totalJobs}} jobs</footer>",
        ])
        let report = try await RenderFixture.demo()
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .withOverrides(from: folder)), report)
        #expect(html.hasSuffix("<footer>76 jobs</footer>"))
        #expect(html.hasPrefix(escaped(report.records[0].name!) + "|"))
    }

    @Test func aBrokenTemplateSaysWhereItIsBroken() throws {
        let folder = try TestSupport.folder(with: ["report.mustache": "line one\n{{#jobs}}never closed"])
        #expect {
            _ = try TemplateLibrary.withOverrides(from: folder)
        } throws: { error in
            let text = "\(error)"
            return text.contains("report.mustache") && text.contains("line 2")
        }
        let empty = try TestSupport.scratchDirectory()
        #expect(throws: RenderError.self) { _ = try TemplateLibrary.withOverrides(from: empty) }
    }
}

extension HTMLRendererTests {
    /// The built-in templates' fast escaper must give byte for byte what swift-mustache's own does.
    @Test func fastEscapingMatchesTheLibrarysEscaping() throws {
        let values = [
            "<script>alert('x')</script>", "a & b", "\"quoted\"", "plain", "", "é<ü>😀‍💻", "&amp; &lt;",
            "\u{202E}rtl 'x'", String(repeating: "<&>", count: 1000),
        ]
        let names = values.indices.map { "v\($0)" }
        let body = names.map { "[{{\($0)}}]" }.joined()
        let plain = try TestSupport.folder(with: ["report.mustache": body])
        let fast = try TestSupport.folder(with: ["report.mustache": "{{% CONTENT_TYPE: HTML }}" + body])
        var view: [String: Any] = [:]
        for (name, value) in zip(names, values) { view[name] = value }
        let expected = try TemplateLibrary.withOverrides(from: plain).renderWhole(view)
        #expect(try TemplateLibrary.withOverrides(from: fast).renderWhole(view) == expected)
        #expect(expected.contains("[&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;]"))
    }
}
