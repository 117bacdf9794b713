import Foundation
import JobFetch
import JobLogModel
import JobTransform
import TestSupport
import Testing

@testable import ReportRender

/// Why jobs failed in report.html, report.xlsx and the mail's plain text.
@Suite struct ErrorsReportTests {
    typealias F = ErrorsFixture

    /// HTML escaping, written independently of the renderer.
    func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test func htmlGroupsErrorTypesWithTheirRemedyAndEscapesEverything() throws {
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), F.report())
        let section = try #require(html.range(of: "<h2 id=\"why-failed\""))
        let glance = try #require(html.range(of: "At a glance"))
        #expect(try #require(html.range(of: "Needs attention")).lowerBound < section.lowerBound)
        #expect(section.upperBound < glance.lowerBound)
        let job = "<bdi>=HYPERLINK(&quot;http://evil.example&quot;)</bdi>"
        #expect(
            html.contains(
                "<tr><td class=\"name\"><span class=\"err\"><bdi>BUCKET_ACCESS_DENIED</bdi></span></td><td>bucket</td><td class=\"name\">1: \(job)</td><td class=\"n\">3</td><td class=\"name\">3 buckets: <bdi>=cmd|&#39; /C calc&#39;!A0</bdi>, <bdi>two\r\nlines,&quot;quoted&quot;</bdi>, <bdi>\u{202E}gpj.exe</bdi><br>1 account: <bdi>555566667777</bdi></td><td>\(escaped(JobEventRemedy.line(for: .init(rawValue: "BUCKET_ACCESS_DENIED"))))</td></tr>"
            ))
        #expect(
            html.contains(
                "<span class=\"err\"><bdi>BUCKET_FROZEN_BY_NEW_RULE</bdi></span> <span class=\"new\">(not in Macie's documentation)</span>"))
        let sectionText = html[section.lowerBound..<glance.lowerBound]
        #expect(sectionText.contains("<bdi>\(String(repeating: "b", count: 100))…</bdi>"))
        #expect(!sectionText.contains(String(repeating: "b", count: 101)), "names are cut in the section")
        #expect(html.contains("<bdi>&lt;img src=x onerror=alert(1)&gt;</bdi>") && !html.contains("<img"))
        #expect(html.contains("1 account: <bdi>444455556666</bdi></td>"))
        // Most jobs first, then the documentation's order; the unknown type last.
        let order = [
            "ACCOUNT_ACCESS_DENIED", "BUCKET_ACCESS_DENIED", "BUCKET_DOES_NOT_EXIST", "JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET",
            "BUCKET_FROZEN_BY_NEW_RULE",
        ]
        let places = try order.map { try #require(html.range(of: "<span class=\"err\"><bdi>\($0)</bdi></span>")).lowerBound }
        #expect(places == places.sorted())
        #expect(html.contains("For 1 job, the log events could not be read"))
        #expect(html.contains(F.logsGapReason))
    }

    @Test func htmlAttentionSaysWhyEachJobFailed() throws {
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), F.report())
        #expect(
            html.contains(
                "<small class=\"why\">Why: BUCKET_ACCESS_DENIED on 3 buckets: =cmd|&#39; /C calc&#39;!A0, two  lines,&quot;quoted&quot;,  gpj.exe; ACCOUNT_ACCESS_DENIED on 1 account: 444455556666;"
            ))
        // The line is cut at 500 characters: the 10 000-character bucket name ends it.
        #expect(html.contains(String(repeating: "b", count: 200) + "...</small>"))
        #expect(!html.contains(String(repeating: "b", count: 500)))
        #expect(
            html.contains(
                "<small class=\"why\">Why: JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET: The job was paused because the monthly quota was met.</small>"
            ))
        #expect(html.contains("<small class=\"why\">Why: its log events could not be read (see the gaps)</small>"))
        #expect(!html.contains("\u{202E}gpj.exe;"), "the why line blanks direction overrides")
    }

    @Test func htmlStreamedEqualsTheWholePageWithTheFailureSection() throws {
        let report = F.report()
        let templates = try TemplateLibrary.builtIn()
        let streamed = try RenderFixture.renderText(HTMLRenderer(templates: templates), report)
        #expect(streamed == templates.renderWhole(HTMLReportView.make(report)))
        #expect(streamed.contains("Why jobs failed"))
    }

    @Test func htmlHasNoFailureSectionWithoutLogEvents() async throws {
        let html = try RenderFixture.renderText(
            HTMLRenderer(templates: .builtIn()), try await RenderFixture.demo(jobLogs: false))
        #expect(!html.contains("Why jobs failed") && !html.contains("class=\"why\""))
        #expect(try TemplateLibrary.builtIn().streamed != nil, "the built-in page is still cut at its jobs list")
    }

    @Test func errorsSheetHoldsTheEventsAsStrings() throws {
        let file = try RenderFixture.render(XLSXRenderer(), F.report())
        let workbook = String(decoding: try XLSXReader.part("xl/workbook.xml", of: file), as: UTF8.self)
        let names = workbook.components(separatedBy: "<sheet name=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(names == ["Summary", "Jobs", "Attention", "Errors", "Coverage"])
        let cells = try XLSXReader.cells("xl/worksheets/sheet4.xml", of: file)
        #expect(cells.allSatisfy { $0.formula == nil && ($0.type == "inlineStr" || $0.type == "s") })
        var grid: [Int: [Int: String]] = [:]
        for cell in cells { grid[cell.row, default: [:]][cell.column] = XLSXReader.unescape(cell.value) }
        #expect((0..<13).map { grid[1]?[$0] } == ErrorColumn.all.map(\.name))
        #expect(grid.count == 9, "the header and eight events")
        #expect(grid[2]?[10] == F.formulaBucket && grid[3]?[10] == F.newlineBucket && grid[4]?[10] == F.rtlBucket)
        #expect(grid[2]?[3] == "=HYPERLINK(\"http://evil.example\")" && grid[2]?[4] == "2026-11-23T02:00:00.123456Z")
        #expect(grid[6]?[10] == F.longBucket)
        #expect(grid[8]?[7] == "unparsed" && grid[8]?[12] == "not json: <b>raw</b>")
        #expect(grid[9]?[6] == "JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET")
        let sheet = String(decoding: try XLSXReader.part("xl/worksheets/sheet4.xml", of: file), as: UTF8.self)
        #expect(sheet.contains("<tablePart r:id="))
        let table = String(decoding: try XLSXReader.part("xl/tables/table2.xml", of: file), as: UTF8.self)
        #expect(table.contains("ref=\"A1:M9\""))
    }

    @Test func summarySheetChartsTheErrorTypes() throws {
        let file = try RenderFixture.render(XLSXRenderer(), F.report())
        let summary = try XLSXReader.cells("xl/worksheets/sheet1.xml", of: file)
        let rows = Dictionary(grouping: summary, by: \.row).mapValues { $0.sorted { $0.column < $1.column }.map(\.value) }
        #expect(rows.values.contains(["lastRunErrorType", "BUCKET_ACCESS_DENIED", "1"]))
        #expect(rows.values.contains(["lastRunErrorType", "BUCKET_FROZEN_BY_NEW_RULE", "1"]))
        let first = try #require(rows.first { $0.value == ["lastRunErrorType", "ACCOUNT_ACCESS_DENIED", "1"] }?.key)
        let chart = String(decoding: try XLSXReader.part("xl/charts/chart4.xml", of: file), as: UTF8.self)
        #expect(chart.contains("Jobs by last-run error type"))
        #expect(chart.contains("Summary!$B$\(first):$B$\(first + 14)"))
        // The Jobs sheet has jobs.csv's columns, the last-run error columns 24 to 26.
        let jobs = try XLSXReader.cells("xl/worksheets/sheet2.xml", of: file)
        let header = jobs.filter { $0.row == 1 }.sorted { $0.column < $1.column }.map(\.value)
        #expect(header == JobColumn.all.map(\.name) && header[25] == "lastRunAffectedBuckets")
    }

    @Test func errorsSheetWithoutErrorsIsAFilteredHeader() async throws {
        let file = try RenderFixture.render(XLSXRenderer(), try await RenderFixture.demo(jobLogs: false))
        let cells = try XLSXReader.cells("xl/worksheets/sheet4.xml", of: file)
        #expect(cells.map(\.value) == ErrorColumn.all.map(\.name))
        let sheet = String(decoding: try XLSXReader.part("xl/worksheets/sheet4.xml", of: file), as: UTF8.self)
        #expect(sheet.contains("<autoFilter ref=\"A1:M1\"/>"))
    }

    @Test func aWorkbookWithManyEventsStreamsAndTheErrorsSheetFilters() throws {
        let count = XLSXRenderer.tableLimit + 1
        let events = (0..<count).map { i in
            FilteredLogEvent(
                timestamp: F.stamp(1),
                message: #"{"eventType":"BUCKET_ACCESS_DENIED","affectedResource":{"type":"S3_BUCKET_NAME","value":"b\#(i)"}}"#)
        }
        var builder = ReportBuilder(asOf: F.asOf)
        builder.add(
            ScopeBatch(
                scope: Scope(accountId: F.account, region: F.region),
                jobs: [F.job("many", "many", status: .idle, error: true, logs: JobLogs(events: events))]))
        let file = try RenderFixture.render(XLSXRenderer(), builder.build())
        let sheet = String(decoding: try XLSXReader.part("xl/worksheets/sheet4.xml", of: file), as: UTF8.self)
        #expect(sheet.contains("<autoFilter ref=\"A1:M\(count + 1)\"/>") && !sheet.contains("<tablePart"))
        #expect(sheet.contains("b\(count - 1)"))
        let jobs = String(decoding: try XLSXReader.part("xl/worksheets/sheet2.xml", of: file), as: UTF8.self)
        #expect(!jobs.contains("<tablePart"), "the whole workbook streams, the Jobs sheet too")
    }

    @Test func plainTextSaysWhyJobsFailed() throws {
        let text = PlainTextSummary.render(F.report())
        let expected = [
            "Why jobs failed (from the last runs' log events; every event is in errors.csv):",
            "  - ACCOUNT_ACCESS_DENIED (account): 1 job, 1 event",
            "      accounts: 444455556666",
            "      what to do: \(JobEventRemedy.line(for: .init(rawValue: "ACCOUNT_ACCESS_DENIED")))",
            "  - BUCKET_ACCESS_DENIED (bucket): 1 job, 3 events",
            "      buckets: =cmd|' /C calc'!A0, two  lines,\"quoted\",  gpj.exe",
            "      accounts: 555566667777",
        ]
        #expect(text.contains(expected.joined(separator: "\n")))
        #expect(text.contains("  - BUCKET_FROZEN_BY_NEW_RULE (bucket, not in Macie's documentation): 1 job, 1 event\n"))
        #expect(text.contains("      buckets: \(String(repeating: "b", count: 60))...\n"))
        #expect(
            text.contains("  - JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET (status): 1 job, 1 event\n      what to do: Macie paused"))
        #expect(
            text.contains("  The log events of 1 job could not be read, so why they failed is not known (see INCOMPLETE above)."))
        #expect(
            text.contains(
                "\n      why: JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET: The job was paused because the monthly quota was met.\n"))
        #expect(!text.contains("\u{202E}") && !text.contains("\r"))
        let why = try #require(text.range(of: "Why jobs failed"))
        #expect(try #require(text.range(of: "Needs attention")).lowerBound < why.lowerBound)
        #expect(why.upperBound < (try #require(text.range(of: "By status:"))).lowerBound)
    }
}
