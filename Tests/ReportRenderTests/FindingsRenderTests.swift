import Foundation
import JobFetch
import JobTransform
import TestSupport
import Testing

@testable import ReportRender

/// Finding counts per job in every output, checked against counts computed here from
/// samples/demo/findings (not archived; High, Medium, Low; total the sum), and their absence
/// when nobody counted: empty cells, never 0, and no tile, chart or list.
@Suite struct FindingsRenderTests {
    /// jobId → [High, Medium, Low] of the demo's not-archived findings, read with JSONSerialization.
    static func recorded() throws -> [String: [Int]] {
        var counts: [String: [Int]] = [:]
        let folder = TestSupport.demoSamples.appendingPathComponent("findings")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".json") {
            let groups = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file)))
                    as? [[String: Any]])
            for group in groups where group["archived"] as? Bool == false {
                let index = try #require(["High", "Medium", "Low"].firstIndex(of: group["severity"] as? String ?? ""))
                let job = try #require(group["jobId"] as? String)
                counts[job, default: [0, 0, 0]][index] += try #require(group["count"] as? Int)
            }
        }
        return counts
    }

    /// The job with the most High findings in the demo, whose name has CR LF and LF in it.
    static let topJob = "211f78d5071e9fb2429bbb7418844f4d"

    @Test func jobsCSVAppendsTheCountsOfEachJob() async throws {
        let report = try await RenderFixture.demo()
        let rows = try CSVReader.parse(try RenderFixture.renderText(JobsCSVRenderer(), report))
        // Appended after the last-run error columns; every earlier column keeps its place.
        #expect(rows[0].count == 30)
        #expect(rows[0][25] == "lastRunAffectedBuckets")
        #expect(Array(rows[0].suffix(4)) == ["findings", "findingsHigh", "findingsMedium", "findingsLow"])
        let byId = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[2], Array($0.suffix(4))) })
        #expect(byId[Self.topJob] == ["74", "6", "10", "58"])
        let recorded = try Self.recorded()
        #expect(recorded.count == 51)
        for (job, cells) in byId {
            let counts = recorded[job] ?? [0, 0, 0]
            // A job without findings in a scope that was read found none: 0, not empty.
            #expect(cells == ([counts.reduce(0, +)] + counts).map(String.init), "\(job)")
        }
    }

    @Test func countsNobodyReadAreEmptyCellsAndNothingElseShows() async throws {
        let report = try await RenderFixture.demo(findings: false)
        #expect(!report.findingsRead)
        let rows = try CSVReader.parse(try RenderFixture.renderText(JobsCSVRenderer(), report))
        #expect(Array(rows[0].suffix(4)) == ["findings", "findingsHigh", "findingsMedium", "findingsLow"])
        #expect(rows.count == 77 && rows.dropFirst().allSatisfy { $0.suffix(4) == ["", "", "", ""] })
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), report)
        for absent in ["High findings", "Findings by job", "<th scope=\"col\">Findings</th>", "<th scope=\"col\">High</th>"] {
            #expect(!html.contains(absent), "\(absent)")
        }
        #expect(!PlainTextSummary.render(report).contains("findings"))
        let file = try RenderFixture.render(XLSXRenderer(), report)
        let summary = try XLSXReader.cells("xl/worksheets/sheet1.xml", of: file).map(\.value)
        #expect(!summary.contains { $0.contains("findings") })
        #expect(throws: (any Error).self) { try XLSXReader.part("xl/charts/chart5.xml", of: file) }
        let jobs = try XLSXReader.cells("xl/worksheets/sheet2.xml", of: file)
        #expect(jobs.filter { $0.column >= 26 }.map(\.value) == ["findings", "findingsHigh", "findingsMedium", "findingsLow"])
    }

    /// The demo with eu-west-1's counts unknown, as when its findings call failed.
    static func withAGap() async throws -> ReportModel {
        var report = try await RenderFixture.demo()
        for i in report.records.indices where report.records[i].region == "eu-west-1" { report.records[i].findings = nil }
        return report
    }

    @Test func jobsWhoseCountsAreUnknownAreEmptyNotZeroAndSaidSo() async throws {
        let report = try await Self.withAGap()
        let rows = try CSVReader.parse(try RenderFixture.renderText(JobsCSVRenderer(), report))
        for row in rows.dropFirst() {
            if row[1] == "eu-west-1" { #expect(row.suffix(4) == ["", "", "", ""]) } else { #expect(row[26] != "") }
        }
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), report)
        // 18 jobs have High findings, 7 of them in eu-west-1.
        #expect(
            html.contains(
                ">11</div>\n<div style=\"font-size:12px;color:#4a5058;\">jobs with High findings (25 jobs&#39; counts unknown)</div>"
            )
        )
        #expect(html.contains("The counts of 25 jobs could not be read and are left out"))
        let chart = try #require(html.range(of: "Findings by job</h2>"))
        let table = try #require(html.range(of: "</table>\n</div>", range: chart.upperBound..<html.endIndex))
        #expect(html[chart.upperBound..<table.lowerBound].contains("<bdi>multi\r\nline\nname</bdi>"))
        #expect(
            !html[chart.upperBound..<table.lowerBound].contains("<bdi>eu-test-cancelled</bdi>"),
            "a job whose counts are unknown is not charted")
        #expect(html.contains("<td class=\"n\">1</td><td class=\"n\"></td><td class=\"n\"></td><td class=\"n\"></td><td class=\"n\"></td>"), "unknown: empty cells")
        let text = PlainTextSummary.render(report)
        #expect(
            text.contains(
                "Most findings (High / Medium / Low / total; 11 jobs with High findings, the counts of 25 jobs unknown):"))
        let summary = try XLSXReader.cells("xl/worksheets/sheet1.xml", of: try RenderFixture.render(XLSXRenderer(), report))
        let values = Dictionary(grouping: summary, by: \.row).values.map { $0.sorted { $0.column < $1.column }.map(\.value) }
        #expect(values.contains(["Jobs with High findings", "11"]) && values.contains(["Jobs' finding counts unknown", "25"]))
    }

    /// The demo's ten jobs with the most findings, ranked here: most High, then most in all.
    static func expectedTop(_ report: ReportModel) throws -> [JobRecord] {
        let recorded = try recorded()
        let ranked = report.records.filter { recorded[$0.jobId ?? ""] != nil }.sorted { a, b in
            let x = recorded[a.jobId!]!
            let y = recorded[b.jobId!]!
            return x[0] != y[0] ? x[0] > y[0] : x.reduce(0, +) > y.reduce(0, +)
        }
        return Array(ranked.prefix(10))
    }

    @Test func theHTMLTileChartAndTableShowTheCounts() async throws {
        let report = try await RenderFixture.demo()
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), report)
        #expect(
            html.contains(
                "<div style=\"font-size:24px;font-weight:bold;color:#8f1d1d;\">18</div>\n<div style=\"font-size:12px;color:#4a5058;\">jobs with High findings</div>"
            ))
        let start = try #require(
            html.range(of: "<h2 id=\"findings\" style=\"font-size:18px;margin:8px 0 6px 0;\">Findings by job</h2>"))
        let end = try #require(html.range(of: "</table>\n</div>", range: start.upperBound..<html.endIndex))
        let chart = String(html[start.upperBound..<end.lowerBound])
        let names = chart.components(separatedBy: "<bdi>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        let expected = try Self.expectedTop(report).map { HTMLRendererTests().escaped($0.name ?? "") }
        #expect(names == expected)
        #expect(names.first == "multi\r\nline\nname")
        #expect(chart.contains("<small>74 findings: High 6, Medium 10, Low 58</small>"))
        #expect(chart.contains("Across all jobs: 2128 findings (High 59, Medium 460, Low 1609)."))
        // The top job's bar fills the track: its segments' widths add up to 96 % of the row.
        let first = try #require(chart.range(of: "<bdi>multi\r\nline\nname</bdi>"))
        let row = String(chart[first.upperBound...].prefix { $0 != "\n" })
        let widths = row.components(separatedBy: "<td width=\"").dropFirst().compactMap { Double($0.prefix { $0 != "%" }) }
        #expect(widths.count == 4 && abs(widths.dropLast().reduce(0, +) - 96) < 0.31 && widths.reduce(0, +) <= 100)
        #expect(row.contains("background:#B3261E;") && row.contains("background:#1F5FAD;"))
        // The job table: a total and a High column, High in red when there are any.
        #expect(
            html.contains(
                "<th scope=\"col\">Runs</th><th scope=\"col\">Findings</th><th scope=\"col\">High</th><th scope=\"col\">Medium</th><th scope=\"col\">Low</th>"
            ))
        #expect(
            html.contains(
                "<td class=\"n\">74</td><td class=\"n\"><span class=\"err\">6</span></td><td class=\"n\">10</td><td class=\"n\">58</td>"
            ), "total, then High, Medium and Low")
        let streamed = try TemplateLibrary.builtIn()
        #expect(streamed.renderWhole(HTMLReportView.make(report)) == html, "the page written in parts is the whole page")
    }

    @Test func theWorkbookHasNumericColumnsAndATopFindingsChart() async throws {
        let report = try await RenderFixture.demo()
        let file = try RenderFixture.render(XLSXRenderer(), report)
        let jobs = try XLSXReader.cells("xl/worksheets/sheet2.xml", of: file)
        let header = jobs.filter { $0.row == 1 }.sorted { $0.column < $1.column }.map(\.value)
        #expect(header.suffix(4) == ["findings", "findingsHigh", "findingsMedium", "findingsLow"])
        let row = try #require(report.records.firstIndex { $0.jobId == Self.topJob }) + 2
        let cells = jobs.filter { $0.row == row && $0.column >= 26 }.sorted { $0.column < $1.column }
        #expect(cells.map(\.value) == ["74", "6", "10", "58"] && cells.allSatisfy { $0.type == nil })
        let sheet = String(decoding: try XLSXReader.part("xl/worksheets/sheet2.xml", of: file), as: UTF8.self)
        #expect(sheet.contains("<conditionalFormatting sqref=\"AB2:AB77\">") && sheet.contains("AND(ISNUMBER($AB2),$AB2&gt;0)"))

        let summary = try XLSXReader.cells("xl/worksheets/sheet1.xml", of: file)
        let rows = Dictionary(grouping: summary, by: \.row).mapValues { $0.sorted { $0.column < $1.column }.map(\.value) }
        #expect(rows.values.contains(["Jobs with High findings", "18"]))
        let header2 = try #require(rows.first { $0.value == ["job", "region", "High", "Medium", "Low"] }?.key)
        #expect(rows[header2 + 1] == ["multi  line name", "us-east-1", "6", "10", "58"])
        let top = try Self.expectedTop(report)
        #expect((1...10).map { rows[header2 + $0]?[1] } == top.map(\.region))
        let chart = String(decoding: try XLSXReader.part("xl/charts/chart5.xml", of: file), as: UTF8.self)
        #expect(chart.contains("Jobs with the most findings") && chart.contains("<c:grouping val=\"stacked\"/>"))
        #expect(chart.contains("Summary!$A$\(header2 + 1):$A$\(header2 + 10)"))
        #expect(chart.contains("Summary!$C$\(header2)") && chart.contains("Summary!$E$\(header2 + 1):$E$\(header2 + 10)"))
        #expect(chart.contains("<a:srgbClr val=\"B3261E\"/>"))
    }

    @Test func theMailListsTheJobsWithTheMostFindings() async throws {
        let report = try await RenderFixture.demo()
        let text = PlainTextSummary.render(report)
        let lines = text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Most findings") })
        #expect(lines[start] == "Most findings (High / Medium / Low / total; 18 jobs with High findings):")
        #expect(lines[start + 1] == "  - \"multi  line name\" (\(Self.topJob)) us-east-1: 6 / 10 / 58 / 74")
        #expect(lines[start + 2] == "  - \"eu-test-cancelled\" (72646e3bd3ad03baedf87dafe577d144) eu-west-1: 6 / 12 / 25 / 43")
        #expect(lines[start + 11] == "")
        #expect(lines[start + 1...start + 10].allSatisfy { $0.hasPrefix("  - \"") })
        let attention = try #require(text.range(of: "Needs attention"))
        let counts = try #require(text.range(of: "By status:"))
        #expect(attention.upperBound < text.range(of: "Most findings")!.lowerBound)
        #expect(text.range(of: "Most findings")!.upperBound < counts.lowerBound)
    }
}
