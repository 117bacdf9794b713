import Foundation
import JobTransform
import ReportRender
import TestSupport
import Testing

@Suite struct XLSXRendererTests {
    @Test func sheetsAreSummaryJobsAttentionErrors() async throws {
        let file = try RenderFixture.render(XLSXRenderer(), try await RenderFixture.demo())
        let workbook = String(decoding: try XLSXReader.part("xl/workbook.xml", of: file), as: UTF8.self)
        let names = workbook.components(separatedBy: "<sheet name=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(names == ["Summary", "Jobs", "Attention", "Errors", "Coverage"])
    }

    @Test func jobsSheetHasTypedCellsAndNoFormulas() async throws {
        let report = try await RenderFixture.demo()
        let file = try RenderFixture.render(XLSXRenderer(), report)
        let cells = try XLSXReader.cells("xl/worksheets/sheet2.xml", of: file)
        #expect(cells.allSatisfy { $0.formula == nil })
        let header = cells.filter { $0.row == 1 }.map(\.value)
        #expect(header == JobColumn.all.map(\.name))
        var byPosition: [String: XLSXReader.Cell] = [:]
        for cell in cells { byPosition["\(cell.row):\(cell.column)"] = cell }
        for (index, record) in report.records.enumerated() {
            for (column, definition) in JobColumn.all.enumerated() {
                let cell = byPosition["\(index + 2):\(column)"]
                switch definition.value(record) {
                case .empty, .text(""):
                    // An empty string is a blank cell in a spreadsheet, as an absent value is.
                    #expect(cell == nil)
                case .text(let text):
                    #expect(cell?.type == "inlineStr" || cell?.type == "s")
                    // Excel keeps 32 767 characters of a cell; the 10 000-character name fits whole.
                    #expect(XLSXReader.unescape(cell?.value ?? "") == text, "row \(index + 2) \(definition.name)")
                case .number(let number):
                    #expect(cell?.type == nil)
                    #expect(Double(cell?.value ?? "") == number)
                case .date(let date):
                    #expect(cell?.type == nil && cell?.style != nil, "\(definition.name) is a styled number")
                    let serial = try #require(Double(cell?.value ?? ""))
                    #expect(abs((serial - 25_569) * 86_400 - date.timeIntervalSince1970) < 0.001)
                }
            }
        }
        let sheet = String(decoding: try XLSXReader.part("xl/worksheets/sheet2.xml", of: file), as: UTF8.self)
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        // Up to 20 000 jobs the sheet is an Excel table (which carries the autofilter).
        #expect(!sheet.contains("<autoFilter"))
        #expect(sheet.contains("<tablePart r:id="))
        let table = String(decoding: try XLSXReader.part("xl/tables/table1.xml", of: file), as: UTF8.self)
        #expect(table.contains("ref=\"A1:AD77\"") && table.contains("<autoFilter ref=\"A1:AD77\"/>"))
        #expect(sheet.contains("<conditionalFormatting sqref=\"G2:G77\">"))
        #expect(sheet.contains("<hyperlink ref=\"D2\""))
        #expect(
            sheet.contains("<pageSetup fitToHeight=\"0\" orientation=\"landscape\"/>")
                && sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"))
        let styles = String(decoding: try XLSXReader.part("xl/styles.xml", of: file), as: UTF8.self)
        #expect(styles.contains("formatCode=\"yyyy-mm-dd hh:mm:ss\""))
    }

    @Test func summaryAndAttentionSheetsCarryTheCounts() async throws {
        let report = try await RenderFixture.demo()
        let file = try RenderFixture.render(XLSXRenderer(), report)
        let summary = try XLSXReader.cells("xl/worksheets/sheet1.xml", of: file)
        let rows = Dictionary(grouping: summary, by: \.row).mapValues { $0.sorted { $0.column < $1.column }.map(\.value) }
        #expect(rows.values.contains(["jobStatus", "COMPLETE", "22"]))
        #expect(rows.values.contains(["lastRunErrorStatus", "ERROR", "9"]))
        #expect(rows.values.contains(["Jobs", "76"]))
        #expect(rows.values.contains(["IDLE", "0", "22", "22"]))
        let attention = try XLSXReader.cells("xl/worksheets/sheet3.xml", of: file)
        let firstColumn = attention.filter { $0.column == 0 }.map(\.value)
        #expect(firstColumn.count == 19)
        #expect(firstColumn[1] == "user-paused, expiring")
        let days = attention.filter { $0.column == 1 && $0.row > 1 }.map(\.value)
        #expect(days.prefix(5) == ["-2", "1", "3", "5", "6"])
    }

    @Test func overlongTextIsCutAtExcelsLimitAndSaidSo() throws {
        let long = String(repeating: "é", count: 40_000)
        var builder = ReportBuilder(asOf: Date(timeIntervalSince1970: 0))
        builder.add(.init(region: "us-east-1", jobs: [.init(job: .init(description: long, jobId: "x", name: "n"))]))
        let file = try RenderFixture.render(XLSXRenderer(), builder.build())
        let cells = try XLSXReader.cells("xl/worksheets/sheet2.xml", of: file)
        let description = try #require(
            cells.first { $0.row == 2 && $0.column == JobColumn.all.firstIndex { $0.name == "description" } })
        #expect(description.value.unicodeScalars.count == 32_767)
        #expect(description.value.hasSuffix(" [truncated]"))
        let summary = try XLSXReader.cells("xl/worksheets/sheet1.xml", of: file).map(\.value)
        #expect(summary.contains { $0.hasPrefix("1 cell(s) on the Jobs sheet were longer than Excel's") })
    }
}
