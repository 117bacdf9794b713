import Foundation
import TestSupport
import Testing

/// `macie-report run` against macie2-emulator, one situation per test: the exit code, and
/// what the reports say.
@Suite(.serialized) struct LiveRunTests {
    static let key = "AKIDLIVE"
    static let secret = "live-secret"
    static let regions = ["--region", "us-east-1", "--region", "eu-west-1", "--region", "ap-southeast-2"]

    /// The reports of samples/demo, to compare the live ones with.
    static let expected: [String: Data] = {
        let out = try! TestSupport.scratchDirectory("expected")
        let result = try! TestSupport.run(
            TestSupport.executable(),
            [
                "run", "--samples", TestSupport.demoSamples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf,
                "--quiet",
            ])
        precondition(result.status == 0, result.stderr)
        return try! TestSupport.snapshot(out)
    }()

    func environment(secret: String = Self.secret, token: String? = nil, extra: [String: String] = [:]) -> [String: String] {
        var env = [
            "PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": Self.key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_RETRY_MODE": "standard",
            "AWS_MAX_ATTEMPTS": "10",
        ]
        if let token { env["AWS_SESSION_TOKEN"] = token }
        return env.merging(extra) { _, new in new }
    }

    func run(_ emulator: EmulatorProcess, _ extra: [String] = [], env: [String: String]? = nil) throws -> (
        TestSupport.ProcessResult, URL
    ) {
        let out = try TestSupport.scratchDirectory("live")
        let arguments =
            ["run"] + Self.regions + ["--endpoint-url", emulator.url, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf]
            + extra
        return (try TestSupport.run(TestSupport.executable(), arguments, environment: env ?? environment()), out)
    }

    func text(_ out: URL, _ file: String) throws -> String {
        try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
    }

    func expectSameReportsAsSamples(_ out: URL) throws {
        let files = try TestSupport.snapshot(out)
        for name in ["jobs.csv", "summary.csv", "errors.csv", "report.html"] {
            #expect(files[name] == Self.expected[name], "\(name) differs from the samples run")
        }
        let samples = try TestSupport.scratchDirectory("xlsx").appendingPathComponent("report.xlsx")
        try Self.expected["report.xlsx"]!.write(to: samples)
        // The Jobs sheet (2) and the Errors sheet (4, last without --history).
        for part in ["xl/worksheets/sheet2.xml", "xl/worksheets/sheet4.xml"] {
            let live = try XLSXReader.part(part, of: out.appendingPathComponent("report.xlsx"))
            #expect(live == (try XLSXReader.part(part, of: samples)), "\(part) differs")
        }
    }

    @Test func logEventsReadThroughEmptyAndSmallPagesGiveTheSameReports() throws {
        let emulator = try EmulatorProcess([
            "--credentials", "\(Self.key):\(Self.secret)", "--logs-empty-pages", "2", "--logs-page-size", "3",
        ])
        defer { emulator.stop() }
        let (result, out) = try run(emulator)
        #expect(result.status == 0, "\(result.stderr)")
        try expectSameReportsAsSamples(out)
        #expect(try text(out, "errors.csv").contains(",BUCKET_ACCESS_DENIED,bucket,"))
    }

    @Test func aCleanWalkGivesTheSameReportsAsTheSamples() throws {
        let emulator = try EmulatorProcess(["--credentials", "\(Self.key):\(Self.secret)"])
        defer { emulator.stop() }
        let (result, out) = try run(emulator)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("76 jobs in 3 regions and 3 accounts;"))
        try expectSameReportsAsSamples(out)
    }

    @Test func throttlingServerErrorsAndDropsAreRetriedToTheSameReports() throws {
        let emulator = try EmulatorProcess([
            "--credentials", "\(Self.key):\(Self.secret)", "--throttle-rate", "0.2", "--server-error-rate", "0.1",
            "--drop-rate", "0.05", "--seed", "3",
        ])
        defer { emulator.stop() }
        let (result, out) = try run(emulator, ["--max-concurrency", "4"])
        #expect(result.status == 0, "\(result.stderr)")
        try expectSameReportsAsSamples(out)
    }

    @Test func aRateLimitIsRetriedToTheSameReports() throws {
        let emulator = try EmulatorProcess(["--credentials", "\(Self.key):\(Self.secret)", "--rate-limit", "40"])
        defer { emulator.stop() }
        for mode in ["standard", "adaptive"] {
            let (result, out) = try run(emulator, env: environment(extra: ["AWS_RETRY_MODE": mode, "AWS_MAX_ATTEMPTS": "20"]))
            #expect(result.status == 0, "\(mode): \(result.stderr)")
            try expectSameReportsAsSamples(out)
        }
    }

    @Test func shortAndEmptyPagesStillReachEveryJob() throws {
        let emulator = try EmulatorProcess([
            "--credentials", "\(Self.key):\(Self.secret)", "--short-page-rate", "0.5", "--empty-page-rate", "0.3",
        ])
        defer { emulator.stop() }
        let (result, out) = try run(emulator)
        #expect(result.status == 0, "\(result.stderr)")
        try expectSameReportsAsSamples(out)
    }

    @Test func aVanishedJobIsReportedFromItsListEntryAndFlagged() throws {
        let vanished = "05a0e4f2537264b94f51de2562d35e6c"  // contracts-daily, us-east-1, USER_PAUSED
        let emulator = try EmulatorProcess(["--credentials", "\(Self.key):\(Self.secret)", "--vanish-job", vanished])
        defer { emulator.stop() }
        let (result, out) = try run(emulator)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try CSVReader.parse(try text(out, "jobs.csv"))
        let row = try #require(rows.first { $0[2] == vanished })
        #expect(row[0] == "", "us-east-1 holds jobs of three accounts, so the vanished job's account is not guessed")
        #expect(row[3] == "contracts-daily" && row[5] == "USER_PAUSED")
        let caveats = try #require(rows[0].firstIndex(of: "caveats"))
        #expect(row[caveats].contains("vanished between ListClassificationJobs and DescribeClassificationJob"))
        #expect(row[caveats].contains("no jobArn, so the account is unknown"))
        #expect(rows.count == 77)
        #expect(try text(out, "report.html").contains("vanished between ListClassificationJobs"))
    }

    @Test func aDeniedRegionIsAGapNamedEverywhereAndExitsThree() throws {
        let emulator = try EmulatorProcess(["--credentials", "\(Self.key):\(Self.secret)", "--deny-region", "eu-west-1"])
        defer { emulator.stop() }
        let (result, out) = try run(emulator)
        #expect(result.status == 3)
        #expect(result.stderr.contains("macie-report: error: region eu-west-1 is incomplete in the report: access denied"))
        #expect(result.stdout.hasPrefix("51 jobs in 3 regions"))
        let html = try text(out, "report.html")
        #expect(html.contains("INCOMPLETE: this report is missing data."))
        #expect(html.contains("<strong>eu-west-1</strong>: access denied for ListClassificationJobs"))
        let summary = try XLSXReader.cells("xl/worksheets/sheet1.xml", of: out.appendingPathComponent("report.xlsx")).map(\.value)
        #expect(summary.contains("INCOMPLETE: regions missing data") && summary.contains("eu-west-1"))
        #expect(try CSVReader.parse(try text(out, "jobs.csv")).dropFirst().allSatisfy { $0[1] != "eu-west-1" })
    }

    @Test func aWrongSecretIsFatalAndTouchesNoReport() throws {
        let emulator = try EmulatorProcess(["--credentials", "\(Self.key):\(Self.secret)"])
        defer { emulator.stop() }
        let (result, out) = try run(emulator, env: environment(secret: "not-it"))
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("macie-report: error: AWS rejected the credentials in"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!result.stderr.contains("not-it"), "no secret in any message")
        #expect(try TestSupport.snapshot(out).isEmpty)
    }

    @Test func aSessionTokenIsSentAndChecked() throws {
        let emulator = try EmulatorProcess(["--credentials", "\(Self.key):\(Self.secret):token-123"])
        defer { emulator.stop() }
        let (ok, out) = try run(emulator, env: environment(token: "token-123"))
        #expect(ok.status == 0, "\(ok.stderr)")
        try expectSameReportsAsSamples(out)
        let (refused, _) = try run(emulator, env: environment())
        #expect(refused.status == 1)
    }

    @Test func aRepeatedTokenStopsTheRegionInsteadOfLooping() throws {
        let emulator = try EmulatorProcess([
            "--credentials", "\(Self.key):\(Self.secret)", "--page-size-cap", "5", "--repeat-tokens",
        ])
        defer { emulator.stop() }
        let (result, out) = try run(emulator)
        #expect(result.status == 3)
        #expect(result.stderr.contains("ListClassificationJobs returned the same nextToken twice after 2 pages"))
        let html = try text(out, "report.html")
        #expect(html.contains("INCOMPLETE: this report is missing data."))
        // What was listed before the loop showed is still reported (from list data).
        #expect(try CSVReader.parse(try text(out, "jobs.csv")).dropFirst().filter { $0[1] == "us-east-1" }.count == 10)
    }

    @Test func smallPagesAreFollowedToTheEnd() throws {
        let emulator = try EmulatorProcess(["--credentials", "\(Self.key):\(Self.secret)", "--page-size-cap", "3"])
        defer { emulator.stop() }
        let (result, out) = try run(emulator)
        #expect(result.status == 0, "\(result.stderr)")
        try expectSameReportsAsSamples(out)
    }

    @Test func noRegionOrNoEndpointIsFatal() throws {
        let out = try TestSupport.scratchDirectory("live")
        let noRegion = try TestSupport.run(
            TestSupport.executable(), ["run", "--output-dir", out.path], environment: environment())
        #expect(noRegion.status == 1)
        #expect(noRegion.stderr.contains("no region: give --region"))
        let nowhere = try TestSupport.run(
            TestSupport.executable(),
            ["run", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9", "--output-dir", out.path],
            environment: environment(extra: ["AWS_MAX_ATTEMPTS": "1"]))
        #expect(nowhere.status == 1)
        #expect(nowhere.stderr.contains("no Macie2 endpoint answered in any region"))
        #expect(try TestSupport.snapshot(out).isEmpty)
    }

    @Test func listOnlyAndFiltersNarrowTheReport() throws {
        let emulator = try EmulatorProcess(["--credentials", "\(Self.key):\(Self.secret)"])
        defer { emulator.stop() }
        let (result, out) = try run(emulator, ["--no-describe", "--include", "jobStatus EQ RUNNING,PAUSED", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try CSVReader.parse(try text(out, "jobs.csv")).dropFirst()
        #expect(rows.count == 14)
        #expect(rows.allSatisfy { ["RUNNING", "PAUSED"].contains($0[5]) })
        #expect(rows.allSatisfy { $0[10].isEmpty }, "list-only rows have no jobArn")
    }
}
