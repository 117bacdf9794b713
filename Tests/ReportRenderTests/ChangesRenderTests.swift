import Foundation
import JobTransform
import Macie2Model
import TestSupport
import Testing

@testable import ReportRender

/// The Changes section in each format, and the trend, from a demo report compared with a
/// made-up previous run where one job was RUNNING and a hostile-named job has gone.
@Suite struct ChangesRenderTests {
    func compared(firstRun: Bool = false) async throws -> ReportModel {
        var report = try await RenderFixture.demo()
        var previous = report.records.compactMap(JobSnapshot.init)
        let paused = try #require(previous.firstIndex { $0.jobStatus == "PAUSED" })
        previous[paused].jobStatus = "RUNNING"
        previous.append(
            JobSnapshot(
                jobId: "0" + String(repeating: "f", count: 31), region: "us-east-1", name: "=cmd|' /C calc'!A0 <b>x</b>",
                jobStatus: "IDLE"))
        let run = RunSnapshot(asOf: report.asOf.addingTimeInterval(-86_400), regions: report.regions, gaps: [], jobs: previous)
        report.changes = RunComparison.compare(report, with: firstRun ? nil : run)
        report.trend = [
            TrendPoint(
                asOf: report.asOf.addingTimeInterval(-86_400), complete: false, statusCounts: ["RUNNING": 9, "NEW_STATE": 2]),
            TrendPoint(report),
        ]
        return report
    }

    @Test func changesCSVHasOneGuardedRowPerChange() async throws {
        let report = try await compared()
        let rows = try CSVReader.parse(try RenderFixture.renderText(ChangesCSVRenderer(), report))
        #expect(rows[0] == ChangesCSVRenderer.columns)
        let kinds = rows.dropFirst().map { $0[0] }
        #expect(
            kinds == Array(repeating: "expiring", count: report.attentionCount(.expiringSoon)) + ["statusChanged", "removed"])
        #expect(report.attentionCount(.expiringSoon) == 5)
        let removed = try #require(rows.last)
        #expect(removed[4] == "'=cmd|' /C calc'!A0 <b>x</b>", "formula-like names are guarded in changes.csv too")
        #expect(removed[6] == "IDLE" && removed[7] == "")
        let status = rows[rows.count - 2]
        #expect(status[5] == "jobStatus" && status[6] == "RUNNING" && status[7] == "PAUSED")
    }

    @Test func theHTMLOpensWithTheChangesEscapedAndDrawsTheTrend() async throws {
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), try await compared())
        let changes = try #require(html.range(of: "id=\"changes\""))
        let attention = try #require(html.range(of: "Needs attention"))
        #expect(changes.lowerBound < attention.lowerBound)
        #expect(html.contains("Since the previous run (2026-11-23 06:00 UTC)"))
        #expect(
            html.contains("=cmd|&#39; /C calc&#39;!A0 &lt;b&gt;x&lt;/b&gt;")
                || html.contains("=cmd|' /C calc'!A0 &lt;b&gt;x&lt;/b&gt;"))
        #expect(!html.contains("<b>x</b>"))
        #expect(html.contains("<title id=\"chart-trend-title\">Jobs by status, last 2 runs</title>"))
        #expect(html.contains("2026-11-23 (partial): RUNNING 9"))
        // An unlisted status gets a colour no listed one uses.
        #expect(html.contains("fill=\"#8A3B6B\"/><text") && html.contains(">NEW_STATE</text>"))

        let first = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), try await compared(firstRun: true))
        #expect(first.contains("This is the first run recorded in the history: there is nothing to compare with yet."))
    }

    @Test func theWorkbookGetsChangesAfterSummaryAndATrendChart() async throws {
        let file = try RenderFixture.render(XLSXRenderer(), try await compared())
        let workbook = String(decoding: try XLSXReader.part("xl/workbook.xml", of: file), as: UTF8.self)
        let names = workbook.components(separatedBy: "<sheet name=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(names == ["Summary", "Changes", "Jobs", "Attention", "Trend", "Errors", "Coverage"])
        let changes = try XLSXReader.cells("xl/worksheets/sheet2.xml", of: file)
        #expect(changes.allSatisfy { $0.formula == nil })
        let header = try #require(changes.first { $0.value == "change" }).row
        #expect(changes.filter { $0.row == header }.map(\.value) == ChangesCSVRenderer.columns)
        #expect(changes.filter { $0.column == 0 && $0.row > header }.count == 7)
        // The Summary sheet's five charts (the last, the demo's findings) come first.
        let chart = String(decoding: try XLSXReader.part("xl/charts/chart6.xml", of: file), as: UTF8.self)
        #expect(chart.contains("<c:grouping val=\"stacked\"/>") && chart.contains("Trend!$C$1"))
    }
}

@Suite struct TrendSeriesTests {
    @Test func endlessUnknownStatusesBecomeFourSeriesAndOneOther() async throws {
        var counts = ["RUNNING": 3]
        for i in 0..<50 { counts["WEIRD_\(i)"] = 1 }
        let point = TrendPoint(asOf: Date(timeIntervalSince1970: 0), complete: true, statusCounts: counts)
        let series = TrendChartView.order([point])
        #expect(series == ["RUNNING", "WEIRD_0", "WEIRD_1", "WEIRD_10", "WEIRD_11", "(other statuses)"])
        #expect(series.map { TrendChartView.count(point, $0, series) } == [3, 1, 1, 1, 1, 46])
        var report = try await RenderFixture.demo()
        report.trend = [point]
        let file = try RenderFixture.render(XLSXRenderer(), report)
        let trend = try XLSXReader.cells("xl/worksheets/sheet4.xml", of: file)
        #expect(trend.filter { $0.row == 1 }.count == 2 + series.count + 1)
    }
}

@Suite struct PlainTextSummaryTests {
    @Test func theTextAlternativeFollowsTheReportAndNeutralisesHostileNames() async throws {
        var report = try await RenderFixture.demo()
        var previous = report.records.compactMap(JobSnapshot.init)
        let index = try #require(previous.firstIndex { $0.jobStatus == "PAUSED" })
        previous[index].jobStatus = "RUNNING"
        report.changes = RunComparison.compare(
            report,
            with: RunSnapshot(asOf: report.asOf.addingTimeInterval(-86_400), regions: report.regions, gaps: [], jobs: previous))
        report.attention[0].record.name = "evil\u{202E}\r\nFAKE LINE"
        let text = PlainTextSummary.render(report)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "Macie classification jobs, 2026-11-24 06:00 UTC")
        #expect(text.contains("Since the previous run (2026-11-23 06:00 UTC): 0 newly failing, 5 expiring, 1 status changes"))
        #expect(text.contains(" RUNNING -> PAUSED. paused by Macie"))
        #expect(text.contains("Needs attention (\(report.attention.count)): 9 ERROR on last run"))
        #expect(text.contains("By status: RUNNING"))
        // Every job line is one line: no name can add a line or a direction override.
        #expect(!text.unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\r" })
        #expect(text.contains("\"evil   FAKE LINE\""))
        let changes = text.components(separatedBy: "Needs attention")[0]
        #expect(text.range(of: "Since the previous run")!.lowerBound < text.range(of: "Needs attention")!.lowerBound)
        #expect(changes.contains("User-paused, expiring soon:"))
    }
}
