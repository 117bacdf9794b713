import Foundation
import TestSupport
import Testing

/// Finding counts end to end: `macie-report run` against macie2-emulator and on the demo
/// samples give the same counts; a denied GetFindingStatistics empties the counts of its
/// region (never 0), is named, and exits 3; `--no-findings` and
/// `--include-archived-findings` do what they say, live and offline alike.
@Suite(.serialized) struct LiveFindingsTests {
    let live = LiveRunTests()
    static let columns = ["findings", "findingsHigh", "findingsMedium", "findingsLow"]

    /// jobs.csv's rows as (region, jobId) → the four findings cells.
    func findings(_ out: URL) throws -> [String: [String]] {
        let rows = try CSVReader.parse(try live.text(out, "jobs.csv"))
        let header = try #require(rows.first)
        let at = try Self.columns.map { name in try #require(header.firstIndex(of: name), "jobs.csv has \(name)") }
        let region = try #require(header.firstIndex(of: "region"))
        let job = try #require(header.firstIndex(of: "jobId"))
        var cells: [String: [String]] = [:]
        for row in rows.dropFirst() { cells["\(row[region])/\(row[job])"] = at.map { row[$0] } }
        return cells
    }

    func samplesRun(_ extra: [String] = []) throws -> URL {
        let out = try TestSupport.scratchDirectory("samples-findings")
        let result = try TestSupport.run(
            TestSupport.executable(),
            ["run", "--samples", TestSupport.demoSamples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf, "--quiet"]
                + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    @Test func aDeniedFindingsCallEmptiesItsRegionsCountsNamesTheGapAndExitsThree() throws {
        let emulator = try EmulatorProcess([
            "--credentials", "\(LiveRunTests.key):\(LiveRunTests.secret)", "--deny-findings", "ap-southeast-2",
        ])
        defer { emulator.stop() }
        let (result, out) = try live.run(emulator)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "region ap-southeast-2 is incomplete in the report: finding counts of 21 job(s) could not be read, so they are left empty: access denied for GetFindingStatistics"
            ), "\(result.stderr)")
        #expect(result.stderr.contains("grant macie2:GetFindingStatistics, or run with --no-findings"))
        let denied = try findings(out)
        let expected = try findings(try samplesRun())
        #expect(denied.count == 76)
        for (key, cells) in denied {
            if key.hasPrefix("ap-southeast-2/") {
                #expect(cells == ["", "", "", ""], "\(key): unknown, never 0")
            } else {
                #expect(cells == expected[key], "\(key)")
            }
        }
        #expect(denied.values.contains { $0[1] != "" && $0[1] != "0" }, "the other regions' High counts are there")
        let html = try live.text(out, "report.html")
        #expect(html.contains("INCOMPLETE: this report is missing data."))
        #expect(html.contains("finding counts of 21 job(s) could not be read"))
    }

    @Test func noFindingsLeavesEveryCountEmptyLiveAndOffline() throws {
        let emulator = try EmulatorProcess(["--credentials", "\(LiveRunTests.key):\(LiveRunTests.secret)"])
        defer { emulator.stop() }
        let (result, out) = try live.run(emulator, ["--no-findings"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try findings(out).values.allSatisfy { $0 == ["", "", "", ""] })
        let offline = try samplesRun(["--no-findings"])
        #expect(try live.text(out, "jobs.csv") == live.text(offline, "jobs.csv"))
        #expect(try live.text(out, "report.html") == live.text(offline, "report.html"))
    }

    @Test func archivedFindingsCountOnlyWhenAskedLiveAndOffline() throws {
        let emulator = try EmulatorProcess(["--credentials", "\(LiveRunTests.key):\(LiveRunTests.secret)"])
        defer { emulator.stop() }
        let (result, out) = try live.run(emulator, ["--include-archived-findings"])
        #expect(result.status == 0, "\(result.stderr)")
        let offline = try samplesRun(["--include-archived-findings"])
        for name in ["jobs.csv", "summary.csv", "report.html"] {
            #expect(try live.text(out, name) == live.text(offline, name), "\(name) differs between live and samples")
        }
        func highTotal(_ cells: [String: [String]]) -> Int { cells.values.reduce(0) { $0 + (Int($1[1]) ?? 0) } }
        #expect(highTotal(try findings(out)) == 59 + 13, "samples/demo/EXPECTED.txt: High, archived included")
        #expect(highTotal(try findings(try samplesRun())) == 59, "archived left out by default")
    }
}
