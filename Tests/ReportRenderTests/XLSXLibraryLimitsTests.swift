import Foundation
import JobTransform
import TestSupport
import Testing

@testable import ReportRender

/// What libxlsxwriter would refuse (and print a warning of its own about) is checked before it
/// is called; what it cannot be kept from printing (a zip it cannot write) becomes part of the
/// one error the run reports, never a second line on stderr.
@Suite struct XLSXLibraryLimitsTests {
    /// A region name of 2 100 letters makes its console URL longer than Excel's 2 079
    /// characters. That job's name is written as plain text; the other job keeps its link.
    @Test func aLinkExcelWouldRefuseLeavesThatNamePlainAndTheRestLinked() throws {
        var builder = ReportBuilder(asOf: Date(timeIntervalSince1970: 0))
        builder.add(.init(region: "us-east-1", jobs: [.init(job: .init(jobId: "a1", name: "linked job"))]))
        builder.add(
            .init(region: String(repeating: "x", count: 2_100), jobs: [.init(job: .init(jobId: "b2", name: "plain job"))]))
        let file = try RenderFixture.render(XLSXRenderer(), builder.build())
        let cells = try XLSXReader.cells("xl/worksheets/sheet2.xml", of: file)
        let nameColumn = try #require(JobColumn.all.firstIndex { $0.name == "name" })
        let linked = try #require(cells.first { $0.column == nameColumn && $0.value == "linked job" })
        let plain = try #require(cells.first { $0.column == nameColumn && $0.value == "plain job" })
        let sheet = String(decoding: try XLSXReader.part("xl/worksheets/sheet2.xml", of: file), as: UTF8.self)
        #expect(sheet.components(separatedBy: "<hyperlink ").count - 1 == 1)
        #expect(sheet.contains("<hyperlink ref=\"D\(linked.row)\""))
        #expect(!sheet.contains("<hyperlink ref=\"D\(plain.row)\""))
    }

    /// libxlsxwriter measures a URL as it will store it: up to `#`, with its escapes.
    @Test func urlsAreMeasuredAsLibxlsxwriterMeasuresThem() {
        #expect(XLSXSheet.excelURLLength("https://example.com/a") == 21)
        #expect(XLSXSheet.excelURLLength("https://example.com/#/jobs?jobId=abc") == 20)
        #expect(XLSXSheet.excelURLLength("a b") == 5)
        #expect(XLSXSheet.excelURLLength("%41%zz[é]") == 3 + 3 + 2 + 3 + 1 + 3)
    }

    @Test func sheetNamesExcelWouldRefuseAreRefusedFirst() {
        #expect(XLSXWorkbook.sheetNameProblem("Jobs", existing: ["Summary"]) == nil)
        #expect(XLSXWorkbook.sheetNameProblem("jobs", existing: ["Jobs"]) != nil)
        #expect(XLSXWorkbook.sheetNameProblem(String(repeating: "s", count: 32), existing: []) != nil)
        #expect(XLSXWorkbook.sheetNameProblem("a/b", existing: []) != nil)
        #expect(XLSXWorkbook.sheetNameProblem("'quoted'", existing: []) != nil)
        #expect(XLSXWorkbook.sheetNameProblem("", existing: []) != nil)
    }

    /// A workbook whose zip cannot be created: libxlsxwriter prints `[ERROR] workbook_close():
    /// ... System error = ...`. That line is captured; its reason is in the one error thrown.
    @Test func aWorkbookThatCannotBeWrittenSaysTheSystemsReasonInItsError() async throws {
        let report = try await RenderFixture.demo()
        let missing = try TestSupport.scratchDirectory("render").appendingPathComponent("gone/report.xlsx")
        let error = try #require(throws: RenderError.self) { try XLSXRenderer().write(report, to: missing) }
        #expect(error.description.hasSuffix("(No such file or directory)"), "\(error)")
        #expect(!error.description.contains("[ERROR]"))
    }
}
