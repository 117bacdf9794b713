import Foundation
import JobFetch
import JobTransform
import Macie2Model
import TestSupport
import Testing

@testable import ReportRender

/// New findings in every output that shows changes, and findings over time in the trend:
/// the demo compared with a night before where one job had two fewer High findings and
/// another three fewer Low ones, over a trend whose middle run read no counts.
@Suite struct FindingChangesRenderTests {
    struct Fixture {
        var report: ReportModel
        var high: JobRecord
        var low: JobRecord
    }

    func compared() async throws -> Fixture {
        var report = try await RenderFixture.demo()
        var previous = report.records.compactMap(JobSnapshot.init)
        let high = try #require(report.records.first { ($0.findings?.high ?? 0) >= 2 })
        let low = try #require(report.records.first { ($0.findings?.low ?? 0) >= 3 && $0.jobId != high.jobId })
        previous[try #require(previous.firstIndex { $0.jobId == high.jobId })].findings!.high -= 2
        previous[try #require(previous.firstIndex { $0.jobId == low.jobId })].findings!.low -= 3
        let day = 86_400.0
        report.changes = RunComparison.compare(
            report,
            with: RunSnapshot(asOf: report.asOf.addingTimeInterval(-day), regions: report.regions, gaps: [], jobs: previous))
        report.trend = [
            TrendPoint(
                asOf: report.asOf.addingTimeInterval(-2 * day), complete: true, statusCounts: ["RUNNING": 9],
                findings: FindingCounts(high: 7, medium: 8, low: 9)),
            TrendPoint(asOf: report.asOf.addingTimeInterval(-day), complete: true, statusCounts: ["RUNNING": 9]),
            TrendPoint(report),
        ]
        return Fixture(report: report, high: high, low: low)
    }

    @Test func changesCSVHasOneRowPerJobAndSeverityWithTheIncreaseInTheLastColumns() async throws {
        let f = try await compared()
        let rows = try CSVReader.parse(try RenderFixture.renderText(ChangesCSVRenderer(), f.report))
        #expect(rows[0].suffix(2) == ["severity", "newFindings"])
        let found = rows.dropFirst().filter { $0[0] == "newFindings" }
        let h = f.high.findings!.high
        let l = f.low.findings!.low
        #expect(
            found.map { [$0[3], $0[5], $0[6], $0[7], $0[9], $0[13], $0[14]] } == [
                [f.high.jobId!, "findingsHigh", "\(h - 2)", "\(h)", "2 new High findings", "High", "2"],
                [f.low.jobId!, "findingsLow", "\(l - 3)", "\(l)", "3 new Low findings", "Low", "3"],
            ])
        // Every other kind leaves the two columns empty; new findings come after every other kind.
        #expect(rows.dropFirst().filter { $0[0] != "newFindings" }.allSatisfy { $0.suffix(2) == ["", ""] })
        #expect(rows.suffix(2).map { $0[0] } == ["newFindings", "newFindings"])
    }

    @Test func theHTMLMakesNewHighFindingsStandOutAndDrawsFindingsOverTime() async throws {
        let f = try await compared()
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), f.report)
        #expect(html.contains(">New findings (by job and severity) (2)</th>"))
        #expect(html.contains("<strong style=\"color:#8f1d1d;\">2</strong> rises in finding counts"))
        #expect(html.contains("<span class=\"err\">2 new High findings</span>"))
        #expect(html.contains("<td>3 new Low findings</td>"))
        // The second chart: three runs, the one without counts skipped rather than drawn as 0.
        #expect(
            html.contains("<title id=\"chart-findings-trend-title\">Findings over time, last 3 runs (1 without counts)</title>"))
        let t = f.report.findingTotals
        #expect(
            html.contains(
                "2026-11-22: High 7, Medium 8, Low 9; 2026-11-23: no counts; 2026-11-24: High \(t.high), Medium \(t.medium), Low \(t.low)"
            ))
        #expect(html.contains(">n/a</text>"))
        #expect(html.contains("<th scope=\"col\">High findings</th>"))
        // Newest first in the table: tonight's counts, then the run without counts' empty cells.
        #expect(html.contains("<td class=\"n\">\(t.high)</td><td class=\"n\">\(t.medium)</td><td class=\"n\">\(t.low)</td></tr>"))
        #expect(
            html.contains(
                "<td class=\"n\"><strong>9</strong></td><td class=\"n\"></td><td class=\"n\"></td><td class=\"n\"></td></tr>"))
    }

    @Test func withoutCountsInAnyRunThereIsNoFindingsChartNorColumns() async throws {
        var report = try await RenderFixture.demo()
        report.trend = [TrendPoint(asOf: report.asOf, complete: true, statusCounts: ["RUNNING": 9])]
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), report)
        #expect(!html.contains("chart-findings-trend") && !html.contains("High findings</th>"))
        let file = try RenderFixture.render(XLSXRenderer(), report)
        let trend = try XLSXReader.cells("xl/worksheets/sheet4.xml", of: file)
        #expect(!trend.contains { $0.value.hasSuffix(" findings") })
    }

    @Test func theWorkbookMarksNewHighFindingsAndChartsFindingsOverTime() async throws {
        let f = try await compared()
        let file = try RenderFixture.render(XLSXRenderer(), f.report)
        let changes = try XLSXReader.cells("xl/worksheets/sheet2.xml", of: file)
        let kinds = changes.filter { $0.column == 0 && $0.value == "newFindings" }
        #expect(kinds.count == 2)
        // The High row's kind is in the alarm style, the Low row's is not.
        #expect(kinds[0].style != kinds[1].style)
        let expiring = try #require(changes.first { $0.column == 0 && $0.value == "expiring" })
        #expect(kinds[0].style == expiring.style)

        // Summary, Changes, Jobs, Attention, Trend.
        let trend = try XLSXReader.cells("xl/worksheets/sheet5.xml", of: file)
        // Rows are numbered from 1, as in the spreadsheet: the header, then a run each.
        let header = trend.filter { $0.row == 1 }.sorted { $0.column < $1.column }.map(\.value)
        #expect(header.suffix(4) == ["total", "High findings", "Medium findings", "Low findings"])
        let high = try #require(header.firstIndex(of: "High findings"))
        let column = { (row: Int) in
            trend.filter { $0.row == row && $0.column >= high }.sorted { $0.column < $1.column }.map(\.value)
        }
        #expect(column(2) == ["7", "8", "9"])
        #expect(column(3) == [], "a run without counts has empty cells, not zeros")
        let t = f.report.findingTotals
        #expect(column(4) == ["\(t.high)", "\(t.medium)", "\(t.low)"])
        let letters = XLSXSheet.columnLetters(high)
        let charts = try (1...9).compactMap { n -> String? in
            guard let data = try? XLSXReader.part("xl/charts/chart\(n).xml", of: file) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
        let chart = try #require(charts.first { $0.contains("Trend!$\(letters)$1") })
        #expect(chart.contains("Findings over time, last 3 runs") && chart.contains("<c:grouping val=\"stacked\"/>"))
    }
}
