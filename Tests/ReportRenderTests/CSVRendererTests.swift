import Foundation
import JobTransform
import ReportRender
import TestSupport
import Testing

@Suite struct CSVRendererTests {
    @Test func jobsCSVReadsBackAsTheRecordsWhenUnguarded() async throws {
        let report = try await RenderFixture.demo()
        let text = try RenderFixture.renderText(JobsCSVRenderer(format: CSVFormat(formulaGuard: false)), report)
        let rows = try CSVReader.parse(text)
        #expect(rows.first == JobColumn.all.map(\.name))
        #expect(
            Array(rows[0].prefix(11)) == [
                "accountId", "region", "jobId", "name", "jobType", "jobStatus", "lastRunErrorStatus", "createdAt",
                "lastRunTime", "numberOfRuns", "jobArn",
            ])
        #expect(rows.count == report.records.count + 1)
        for (row, record) in zip(rows.dropFirst(), report.records) {
            #expect(row == JobColumn.all.map { $0.value(record).plainText })
        }
        // Hostile names came through byte for byte.
        let names = Set(rows.dropFirst().map { $0[3] })
        for hostile in [
            "<script>alert('x')</script>", "multi\r\nline\nname", "\tleading-tab-job", "-2+3",
            #"=HYPERLINK("http://evil.example","click")"#,
        ] {
            #expect(names.contains(hostile), "missing \(hostile.debugDescription)")
        }
        #expect(names.contains { $0.count == 10_000 })
    }

    @Test func guardedCellsAreTheOriginalBehindAnApostrophe() async throws {
        let report = try await RenderFixture.demo()
        let rows = try CSVReader.parse(try RenderFixture.renderText(JobsCSVRenderer(), report))
        var guarded = 0
        for (row, record) in zip(rows.dropFirst(), report.records) {
            for (cell, column) in zip(row, JobColumn.all) {
                let value = column.value(record)
                guard case .text(let original) = value, let first = original.unicodeScalars.first,
                    "=+-@\t\r".unicodeScalars.contains(first)
                else {
                    #expect(cell == value.plainText)
                    continue
                }
                #expect(cell == "'" + original)
                guarded += 1
            }
        }
        // Three names and one description in the demo start with = + - @ TAB or CR (tags are JSON, starting with {).
        #expect(guarded == 4)
        #expect(!rows.dropFirst().joined().contains { $0.hasPrefix("=") || $0.hasPrefix("+") || $0.hasPrefix("@") })
    }

    @Test func summaryCSVIsDimensionValueJobs() async throws {
        let report = try await RenderFixture.demo()
        let text = try RenderFixture.renderText(SummaryCSVRenderer(), report)
        #expect(text.hasPrefix("dimension,value,jobs\r\njobStatus,RUNNING,9\r\njobStatus,PAUSED,5\r\n"))
        #expect(text.contains("\r\nlastRunErrorStatus,NONE,59\r\nlastRunErrorStatus,ERROR,9\r\nlastRunErrorStatus,(none),8\r\n"))
        // Then the last-run error types (samples/demo/EXPECTED.txt): every documented type, then
        // the one the demo's events use that Macie does not document.
        #expect(text.contains("\r\naccountId,777788889999,15\r\nlastRunErrorType,ACCOUNT_ACCESS_DENIED,1\r\n"))
        #expect(text.contains("\r\nlastRunErrorType,BUCKET_ACCESS_DENIED,6\r\n"))
        #expect(text.hasSuffix("\r\nlastRunErrorType,JOB_CANCELLED,7\r\nlastRunErrorType,BUCKET_KMS_KEY_DISABLED,1\r\n"))
        #expect(try CSVReader.parse(text).count == 34)
        let withoutLogs = try RenderFixture.renderText(SummaryCSVRenderer(), try await RenderFixture.demo(jobLogs: false))
        #expect(!withoutLogs.contains("lastRunErrorType"), "no zeros for log events nobody read")
    }

    @Test(arguments: [
        ("plain", true, "plain"), ("a,b", true, "\"a,b\""), ("say \"hi\"", true, "\"say \"\"hi\"\"\""),
        ("=1+1", true, "'=1+1"), ("=1+1", false, "=1+1"), ("-x,y", true, "\"'-x,y\""), ("\rx", true, "\"'\rx\""),
        ("a\nb", false, "\"a\nb\""), ("", true, ""), ("@SUM", true, "'@SUM"), ("+1", true, "'+1"),
    ])
    func quotesAndGuardsFields(text: String, guarded: Bool, expected: String) {
        var line: [UInt8] = []
        CSVFormat(formulaGuard: guarded).append(.text(text), to: &line)
        #expect(String(decoding: line, as: UTF8.self) == expected)
    }

    @Test func numbersAndDatesAreNeverGuarded() {
        var line: [UInt8] = []
        CSVFormat().append(.number(-3), to: &line)
        line.append(0x2C)
        CSVFormat().append(.number(1543.5), to: &line)
        line.append(0x2C)
        CSVFormat().append(.date(Date(timeIntervalSince1970: 1_605_607_200)), to: &line)
        #expect(String(decoding: line, as: UTF8.self) == "-3,1543.5,2020-11-17T10:00:00Z")
    }

    @Test func tagsAreAJSONObjectWithSortedKeys() throws {
        let tags = ["z": "1", "a\"b": "line\nbreak", "ctl": "\u{1}"]
        let text = JobRecord(region: "r", tags: tags).tags.json
        #expect(text == #"{"a\"b":"line\nbreak","ctl":"\u0001","z":"1"}"#)
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(decoded == tags)
    }
}
