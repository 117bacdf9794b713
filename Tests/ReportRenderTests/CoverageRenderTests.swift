import Foundation
import JobFetch
import JobTransform
import ReportRender
import TestSupport
import Testing

/// coverage.csv, the HTML coverage matrix, the Coverage sheet and the text's coverage block,
/// for a walk of three accounts (see ``CoverageFixture``); and account names beside ids.
@Suite struct CoverageRenderTests {
    typealias F = CoverageFixture

    @Test func theFixtureHasEveryStateItNames() async throws {
        let report = try await F.report()
        #expect(report.coverage.map(\.state) == [.macieOff, .ok, .roleDenied, .roleDenied, .denied, .ok])
        #expect(report.showsCoverage && report.accountsNotReached == ["444455556666"])
        #expect(report.accountLabel("111122223333") == "111122223333 (Prod)")
    }

    @Test func coverageCSVIsOneGuardedRowPerAccountRegion() async throws {
        let text = try RenderFixture.renderText(CoverageCSVRenderer(), try await F.report())
        let sandbox = "444455556666,Sandbox <test>"
        let expected = [
            "accountId,accountName,region,state,jobs,errorJobs,note",
            "111122223333,Prod,eu-west-1,macie-off,0,0,\(ScopeCoverage.macieOffNote)",
            "111122223333,Prod,us-east-1,ok,2,1,",
            "\(sandbox),eu-west-1,role-denied,0,0,\(F.roleReason)",
            "\(sandbox),us-east-1,role-denied,0,0,\(F.roleReason)",
            "777788889999,\"'=Finance, EU\",eu-west-1,denied,0,0,\(F.deniedReason)",
            "777788889999,\"'=Finance, EU\",us-east-1,ok,1,0,",
        ]
        #expect(text == expected.joined(separator: "\r\n") + "\r\n")
    }

    @Test func coverageCSVIsJustTheHeaderWithoutScopes() throws {
        let report = ReportBuilder(asOf: Date(timeIntervalSince1970: 0)).build()
        #expect(
            try RenderFixture.renderText(CoverageCSVRenderer(), report)
                == "accountId,accountName,region,state,jobs,errorJobs,note\r\n")
    }

    @Test func theMatrixHasAnAccountPerRowAndARegionPerColumn() async throws {
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), try await F.report())
        let matrix = try #require(
            html.components(separatedBy: "<h2 id=\"coverage\"").dropFirst().first?.components(separatedBy: "</table>").first)
        #expect(matrix.contains("<th scope=\"col\">Account</th><th scope=\"col\">eu-west-1</th><th scope=\"col\">us-east-1</th>"))
        #expect(matrix.contains("6 account-regions: 2 ok, 1 Macie off, 1 denied, 2 role denied"))
        let rows = matrix.components(separatedBy: "<tr><th scope=\"row\">").dropFirst().map { String($0) }
        #expect(rows.count == 3)
        // Names escaped and isolated; each cell's state in words, not colour alone, in region order.
        #expect(rows[0].hasPrefix("<bdi>111122223333</bdi><br><small><bdi>Prod</bdi></small></th>"))
        #expect(rows[1].hasPrefix("<bdi>444455556666</bdi><br><small><bdi>Sandbox &lt;test&gt;</bdi></small></th>"))
        #expect(!html.contains("Sandbox <test>"))
        let states = rows.map { row in row.components(separatedBy: "data-state=\"").dropFirst().map { $0.prefix { $0 != "\"" } } }
        #expect(states == [["Macie off", "ok"], ["role denied", "role denied"], ["denied", "ok"]])
        #expect(rows[0].contains("<span aria-hidden=\"true\">\u{25CB}</span> Macie off</td>"))
        #expect(rows[0].contains("\u{2713}</span> ok<br><small>2 jobs, 1 ERROR</small></td>"))
        // Macie off is grey, a fact; the gaps are red.
        #expect(rows[0].contains("style=\"color:#4a5058;background:#f1f3f5;\""))
        #expect(rows[1].contains("style=\"color:#8f1d1d;background:#fbe3e1;font-weight:bold;\""))
        #expect(rows[2].contains("title=\"eu-west-1: denied (access denied listing the jobs"))
    }

    @Test func theHeadlineCountsMacieOffAndAccountsNotReached() async throws {
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), try await F.report())
        #expect(html.contains(">1</div>\n<div style=\"font-size:12px;color:#4a5058;\">account-regions with Macie off</div>"))
        #expect(
            html.contains("color:#8f1d1d;\">1</div>\n<div style=\"font-size:12px;color:#4a5058;\">accounts not reached</div>"))
    }

    @Test func oneAccountWithEveryRegionReadHasNoMatrix() async throws {
        let report = try await RenderFixture.demo()
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), report)
        #expect(!report.showsCoverage)
        #expect(!html.contains("id=\"coverage\"") && !html.contains("accounts not reached"))
        #expect(!PlainTextSummary.render(report).contains("Coverage:"))
    }

    @Test func accountNamesStandBesideTheIds() async throws {
        let report = try await F.report()
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), report)
        // The job table and the attention list; the gaps at the top.
        let jobs = try #require(html.components(separatedBy: "<h2 style=\"font-size:18px;margin:20px 0 6px 0;\">All jobs").last)
        #expect(jobs.contains("<td>111122223333<br><small class=\"name\"><bdi>Prod</bdi></small></td>"))
        #expect(
            jobs.contains("<td>777788889999<br><small class=\"name\"><bdi>&#61;Finance, EU</bdi></small></td>")
                || jobs.contains("<td>777788889999<br><small class=\"name\"><bdi>=Finance, EU</bdi></small></td>"))
        let attention = try #require(html.components(separatedBy: "Needs attention").dropFirst().first)
        #expect(attention.contains("<td>111122223333<br><small class=\"name\"><bdi>Prod</bdi></small></td>"))
        #expect(html.contains("(account <bdi>444455556666 (Sandbox &lt;test&gt;)</bdi>)</li>"))
        let text = PlainTextSummary.render(report)
        #expect(text.contains("  - eu-west-1: \(F.deniedReason) (account 777788889999 (=Finance, EU))\n"))
        #expect(text.contains("us-east-1 111122223333 (Prod)\n"))
    }

    @Test func theTextHasAShortCoverageBlock() async throws {
        let text = PlainTextSummary.render(try await F.report())
        let block = [
            "Coverage: 6 account-regions in 3 accounts: 2 ok, 1 Macie off, 1 denied, 2 role denied (every one is in coverage.csv)",
            "  Accounts not reached (the role could not be assumed): 1",
            "    - 444455556666 (Sandbox <test>)",
            "",
        ]
        #expect(text.contains(block.joined(separator: "\n") + "\n"))
    }

    @Test func theCoverageSheetIsLastWithTypedCells() async throws {
        let file = try RenderFixture.render(XLSXRenderer(), try await F.report())
        let workbook = String(decoding: try XLSXReader.part("xl/workbook.xml", of: file), as: UTF8.self)
        let names = workbook.components(separatedBy: "<sheet name=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(names == ["Summary", "Jobs", "Attention", "Errors", "Coverage"])
        let cells = try XLSXReader.cells("xl/worksheets/sheet5.xml", of: file)
        #expect(cells.allSatisfy { $0.formula == nil })
        let rows = Dictionary(grouping: cells, by: \.row).mapValues { $0.sorted { $0.column < $1.column } }
        #expect(rows[1]?.map(\.value) == CoverageColumn.all.map(\.name))
        #expect(rows.count == 7)
        // A formula-like name is a string cell, never run; counts are numbers.
        let finance = try #require(rows[6])
        #expect(finance.map(\.value) == ["777788889999", "=Finance, EU", "eu-west-1", "denied", "0", "0", F.deniedReason])
        #expect(finance[1].type == "s" || finance[1].type == "inlineStr")
        #expect(finance[4].type == nil || finance[4].type == "n")
        #expect(rows[3]?.map(\.value) == ["111122223333", "Prod", "us-east-1", "ok", "2", "1"])
        let sheet = String(decoding: try XLSXReader.part("xl/worksheets/sheet5.xml", of: file), as: UTF8.self)
        #expect(sheet.contains("<tablePart r:id="))
        #expect(sheet.contains("<conditionalFormatting sqref=\"D2:D7\">"))
    }
}
