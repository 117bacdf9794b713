import Foundation
import Mustache
import TestSupport
import Testing

@testable import ReportRender

/// Template sets that would make swift-mustache recurse without end or past the stack: each
/// is refused, in one line naming the template and what is wrong, before any is parsed.
@Suite struct TemplateSafetyTests {
    func failure(_ files: [String: String]) throws -> (folder: URL, error: RenderError?) {
        let folder = try TestSupport.folder(with: files)
        do {
            _ = try TemplateLibrary.withOverrides(from: folder)
            return (folder, nil)
        } catch {
            return (folder, error)
        }
    }

    @Test func aTemplateThatIncludesItselfIsRefused() throws {
        let (folder, error) = try failure(["report.mustache": "<p>{{totalJobs}}</p>\n{{#jobs}}{{> report}}{{/jobs}}"])
        #expect(
            error?.description
                == "\(folder.path)/report.mustache includes itself ({{> report}} at line 2, column 10), which would recurse without end; remove the tag"
        )
        #expect(error?.isTemplateError == true)
    }

    @Test func partialsThatIncludeEachOtherAreRefused() throws {
        let (folder, error) = try failure([
            "report.mustache": "{{> a}}", "a.mustache": "a {{> b}}", "b.mustache": "{{#jobs}}\n  {{< c}}{{/c}}{{/jobs}}",
            "c.mustache": "{{$x}}{{> a}}{{/x}}",
        ])
        let path = folder.path
        #expect(
            error?.description
                == "templates include each other in a cycle, which would recurse without end: \(path)/a.mustache → \(path)/b.mustache → \(path)/c.mustache → \(path)/a.mustache ({{> a}} at line 1, column 7 of \(path)/c.mustache); break the cycle"
        )
    }

    @Test func aPartialNamingAStreamedPartOfTheReportIsRefused() throws {
        let (_, error) = try failure(["report.mustache": "{{#jobs}}{{> __report-job-row}}{{/jobs}}"])
        #expect(
            error?.description.contains("(the part __report-job-row) includes itself") == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        ("{{#a}}", "{{/a}}"), ("{{^a}}", "{{/a}}"), ("{{$a}}", "{{/a}}"), ("{{=<% %>=}}<%#a%>", "<%/a%>"),
        ("{{#a}}{{=| |=}}|#b|", "|/b|{{/a}}"),
    ])
    func thousandsOfNestedSectionsAreRefusedBeforeParsing(open: String, close: String) throws {
        let text = "line one\n" + String(repeating: open, count: 5_000) + "x" + String(repeating: close, count: 5_000)
        let (folder, error) = try failure(["report.mustache": text])
        let message = try #require(error?.description)
        #expect(message.hasPrefix("\(folder.path)/report.mustache: line 2, column "), "\(message)")
        #expect(message.hasSuffix(": sections nest more than 100 deep here; flatten the template"))
    }

    @Test func aChainOfPartialsTooDeepIsRefusedNamingTheChain() throws {
        // 40 partials, each two sections deep: 120 levels, though no file is deep by itself.
        var files = ["report.mustache": "{{> p0}}"]
        for i in 0..<40 { files["p\(i).mustache"] = "{{#a}}{{#b}}{{> p\(i + 1)}}{{/b}}{{/a}}" }
        let (folder, error) = try failure(files)
        let message = try #require(error?.description)
        #expect(message.hasPrefix("\(folder.path)/p"), "\(message)")
        #expect(message.contains(" levels deep (p"))
        #expect(message.hasSuffix("; at most 100 are allowed, flatten the templates"))
    }

    @Test func aTemplateAtTheLimitRendersOnTheRenderersThread() async throws {
        // 99 sections and one partial call: 100 levels, each entered (hasAttention is true).
        let deep =
            String(repeating: "{{#hasAttention}}", count: 99) + "{{> leaf}}" + String(repeating: "{{/hasAttention}}", count: 99)
        let folder = try TestSupport.folder(with: ["report.mustache": deep, "leaf.mustache": "{{totalJobs}} jobs"])
        let html = try RenderFixture.renderText(
            HTMLRenderer(templates: .withOverrides(from: folder)), try await RenderFixture.demo())
        #expect(html == "76 jobs")
        let over = try failure(["report.mustache": "{{#a}}" + deep + "{{/a}}", "leaf.mustache": "x"])
        #expect(over.error?.description.contains("nests sections and partials 101 levels deep (report → leaf)") == true)
    }

    @Test func aPartialNamedByTheDataIsRefused() throws {
        let (folder, error) = try failure(["report.mustache": "{{#jobs}}{{>*name}}{{/jobs}}"])
        #expect(
            error?.description
                == "\(folder.path)/report.mustache: line 1, column 10: {{>*…}} takes the partial's name from the data, which cannot be checked; name the partial"
        )
    }

    @Test(arguments: [
        ("{{#a}}x{{/b}}", "line 1, column 8: {{/b}} closes {{#a}} (line 1, column 1); close it with {{/a}}"),
        ("x\n{{/a}}", "line 2, column 1: {{/a}} closes a section that was never opened"),
        ("{{! never closed", "line 1, column 1: a comment is never closed"),
        ("a\r\n{{#list}}\r\n", "line 2, column 1: {{#list}} is never closed; add {{/list}}"),
        ("{{=<% %>}}", "line 1, column 1: expected {{=OPEN CLOSE=}} to set delimiters"),
    ])
    func malformedTagsArePlaced(text: String, expected: String) throws {
        let (folder, error) = try failure(["report.mustache": text])
        #expect(error?.description == "\(folder.path)/report.mustache: \(expected)")
    }

    @Test func theBuiltInTemplatesAreShallow() throws {
        for name in TemplateLibrary.embeddedNames {
            let outline = try TemplateOutline.scan(try #require(TemplateLibrary.embeddedText(name)), limit: 100)
            #expect(outline.depth < 10, "\(name)")
        }
        #expect(throws: Never.self) { _ = try TemplateLibrary.builtIn() }
    }
}
