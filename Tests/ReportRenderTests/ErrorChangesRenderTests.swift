import Foundation
import JobLogModel
import JobTransform
import Macie2Model
import TestSupport
import Testing

@testable import ReportRender

/// Buckets and accounts newly failing or no longer failing, in each format: a demo job that
/// failed in both runs, with a bucket newly denied (named to break HTML and a spreadsheet),
/// one no longer failing, and an account newly suspended.
@Suite struct ErrorChangesRenderTests {
    static let hostile = "=1+1 <img src=x onerror=alert(1)>"

    func compared() async throws -> ReportModel {
        var report = try await RenderFixture.demo()
        let index = try #require(report.records.firstIndex { $0.lastRunErrorStatus == .error && $0.jobId != nil })
        let denied = JobEventType(rawValue: "BUCKET_ACCESS_DENIED")
        report.records[index].lastRunErrors = JobLastRunErrors(events: [
            JobErrorEvent(eventType: denied, level: .bucket, affectedResource: Self.hostile),
            JobErrorEvent(eventType: denied, level: .bucket, affectedResource: "still-denied"),
            JobErrorEvent(
                eventType: JobEventType(rawValue: "ACCOUNT_SUSPENDED"), level: .account, affectedAccount: "444455556666"),
        ])
        var previous = report.records.compactMap(JobSnapshot.init)
        let then = try #require(previous.firstIndex { $0.jobId == report.records[index].jobId })
        previous[then].lastRunTime = previous[then].lastRunTime?.addingTimeInterval(-86_400)  // the run before
        previous[then].lastRunErrors = RecordedErrors(types: [
            .init(type: "BUCKET_ACCESS_DENIED", level: "bucket", events: 2, buckets: ["fixed-bucket", "still-denied"])
        ])
        let run = RunSnapshot(asOf: report.asOf.addingTimeInterval(-86_400), regions: report.regions, gaps: [], jobs: previous)
        report.changes = RunComparison.compare(report, with: run)
        return report
    }

    @Test func changesCSVAddsRowsAndItsBucketAndAccountColumns() async throws {
        let report = try await compared()
        let rows = try CSVReader.parse(try RenderFixture.renderText(ChangesCSVRenderer(), report))
        #expect(
            Array(rows[0].prefix(10)) == [
                "change", "region", "accountId", "jobId", "name", "field", "before", "after", "daysLeft", "note",
            ])
        #expect(Array(rows[0][10...12]) == ["errorType", "bucket", "affectedAccount"])
        let detail = rows.dropFirst().filter { $0[0].hasPrefix("bucket") || $0[0].hasPrefix("account") }
        #expect(
            detail.map { [$0[0], $0[6], $0[7], $0[10], $0[11], $0[12]] } == [
                ["bucketNewlyFailing", "", "BUCKET_ACCESS_DENIED", "BUCKET_ACCESS_DENIED", "'" + Self.hostile, ""],
                ["bucketNoLongerFailing", "BUCKET_ACCESS_DENIED", "", "BUCKET_ACCESS_DENIED", "fixed-bucket", ""],
                ["accountNewlyFailing", "", "ACCOUNT_SUSPENDED", "ACCOUNT_SUSPENDED", "", "444455556666"],
            ])
        // The rows of the job-level kinds come first, unchanged, and end in empty cells.
        #expect(rows[1][0] == "expiring" && rows[1].suffix(5) == ["", "", "", "", ""])
        #expect(detail[0][9].contains("AWSServiceRoleForAmazonMacie"))
    }

    @Test func theHTMLNamesTheBucketEscapedInTheChangesSection() async throws {
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), try await compared())
        #expect(!html.contains("<img src=x"))
        #expect(
            html.contains("<strong>bucket =1+1 &lt;img src=x onerror=alert(1)&gt; newly denied (BUCKET_ACCESS_DENIED)</strong>: ")
        )
        #expect(
            html.contains("<strong>bucket fixed-bucket no longer failing (was BUCKET_ACCESS_DENIED)</strong>: no error event"))
        #expect(html.contains("<strong>account 444455556666 newly suspended (ACCOUNT_SUSPENDED)</strong>"))
        #expect(html.contains(">Buckets newly failing (a new error on a bucket) (1)</th>"))
        #expect(html.contains("<strong style=\"color:#8f1d1d;\">1</strong> buckets newly failing"))
        // Kinds with nothing to count are left out of the counts; the job-level ones stay.
        #expect(!html.contains("accounts no longer failing") && html.contains("</strong> recovered"))
    }

    @Test func thePlainTextSaysWhichBucketInWhichJob() async throws {
        let report = try await compared()
        let text = PlainTextSummary.render(report)
        let job = try #require(report.changes?.items.first { $0.kind == .bucketNewlyFailing })
        #expect(
            text.contains(
                "    - bucket \(Self.hostile) newly denied (BUCKET_ACCESS_DENIED) in job \"\(job.name ?? "")\" (\(job.jobId)) \(job.region) \(job.accountId ?? ""). A bucket policy"
            ))
        // Both runs read the demo's finding counts, unchanged: none rose, and that is said.
        #expect(
            text.contains(
                ", 1 buckets newly failing, 1 buckets no longer failing, 1 accounts newly failing, 0 rises in finding counts\n"))
        #expect(
            text.contains(
                "  Buckets no longer failing:\n    - bucket fixed-bucket no longer failing (was BUCKET_ACCESS_DENIED) in job"))
    }

    @Test func theChangesSheetHasTheNewColumnsAndRows() async throws {
        let file = try RenderFixture.render(XLSXRenderer(), try await compared())
        let changes = try XLSXReader.cells("xl/worksheets/sheet2.xml", of: file)
        #expect(changes.allSatisfy { $0.formula == nil })
        let header = try #require(changes.first { $0.value == "change" }).row
        #expect(changes.filter { $0.row == header }.map(\.value) == ChangesCSVRenderer.columns)
        let kinds = changes.filter { $0.column == 0 && $0.row > header }.map(\.value)
        #expect(kinds.suffix(3) == ["bucketNewlyFailing", "bucketNoLongerFailing", "accountNewlyFailing"])
        #expect(changes.contains { $0.column == 11 && $0.value == Self.hostile })
        #expect(
            changes.contains {
                $0.value.hasSuffix(
                    "1 buckets newly failing, 1 buckets no longer failing, 1 accounts newly failing, 0 rises in finding counts")
            })
    }

    @Test func thePageShowsTheFirstBucketChangesAndCountsTheRest() async throws {
        var report = try await compared()
        let template = try #require(report.changes?.items.first { $0.kind == .bucketNewlyFailing })
        report.changes?.items += (1...250).map { n in
            var item = template
            item.bucket = "bulk-\(n)"
            return item
        }
        let html = try RenderFixture.renderText(HTMLRenderer(templates: .builtIn()), report)
        #expect(html.contains("<tr><td colspan=\"6\">and 51 more in changes.csv</td></tr>"))
        let csv = try CSVReader.parse(try RenderFixture.renderText(ChangesCSVRenderer(), report))
        #expect(csv.filter { $0[0] == "bucketNewlyFailing" }.count == 251, "changes.csv keeps every row")
    }
}
