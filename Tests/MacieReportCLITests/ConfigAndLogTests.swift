import Foundation
import TestSupport
import Testing

/// `--config FILE` (flags override it) and `--log-format json`, through the built binary.
@Suite struct ConfigAndLogTests {
    let binary = TestSupport.executable()

    func config(_ lines: [String]) throws -> URL {
        let folder = try TestSupport.folder(with: ["macie-report.conf": lines.joined(separator: "\n") + "\n"])
        return folder.appendingPathComponent("macie-report.conf")
    }

    @Test func theConfigFileHoldsTheOptionsAndTheCommandLineOverridesThem() throws {
        let out = try TestSupport.scratchDirectory("config")
        let other = try TestSupport.scratchDirectory("config-other")
        let file = try config([
            "# the nightly job", "", "samples = \(TestSupport.demoSamples.path)", "output-dir = \(out.path)",
            "as-of = \(TestSupport.demoAsOf)", "format = csv", "quiet = true", "expiry-window-days = \"30\"",
        ])
        let fromFile = try TestSupport.run(binary, ["run", "--config", file.path])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout.isEmpty, "quiet = true")
        #expect(try TestSupport.snapshot(out).keys.sorted() == ["coverage.csv", "errors.csv", "jobs.csv", "summary.csv"])

        let overridden = try TestSupport.run(
            binary, ["run", "--config", file.path, "--output-dir", other.path, "--format", "html"])
        #expect(overridden.status == 0, "\(overridden.stderr)")
        #expect(try TestSupport.snapshot(other).keys.sorted() == ["report.html"])
        let html = try String(contentsOf: other.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("expiring in 30 days"), "the file's other options still apply")
    }

    @Test func aBadConfigFileIsAUsageErrorNamingTheLine() throws {
        let broken = try config(["samples = x", "output-dir /tmp/x"])
        let result = try TestSupport.run(binary, ["run", "--config", broken.path])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "macie-report: error: config file \(broken.path), line 2: expected `name = value`, found \"output-dir /tmp/x\"\n"
        )

        let unknown = try config(["samples = \(TestSupport.demoSamples.path)", "output-dir = /tmp/x", "colour = blue"])
        let rejected = try TestSupport.run(binary, ["run", "--config", unknown.path])
        #expect(rejected.status == 2)
        #expect(
            rejected.stderr
                == "macie-report: error: config file \(unknown.path), line 3: `run` has no option --colour (see macie-report run --help)\n"
        )
        let mail = try config(["mail-to = a@example.com", "smtp-url = smtp://mail.example.com", "exclude = -odd value"])
        #expect(!(try TestSupport.run(binary, ["run", "--config", mail.path]).stderr.contains("has no option")))

        let flag = try config(["quiet = yes"])
        #expect(try TestSupport.run(binary, ["run", "--config", flag.path]).stderr.contains("quiet is a flag"))
        #expect(try TestSupport.run(binary, ["run", "--config", "/nonexistent.conf"]).status == 2)
    }

    @Test func jsonLogsAreOneObjectPerLine() throws {
        let out = try TestSupport.scratchDirectory("json-log")
        let result = try TestSupport.run(
            binary,
            [
                "run", "--samples", TestSupport.demoSamples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf,
                "--log-format", "json",
            ])
        #expect(result.status == 0)
        let records = try result.stderr.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(records.count == 2)
        #expect(records[0]["level"] as? String == "warning")
        #expect((records[0]["message"] as? String)?.contains("ARCHIVED") == true)
        #expect(records[1]["message"] as? String == "run finished")
        #expect(records[1]["jobs"] as? Int == 76)
        #expect(records[1]["errors"] as? Int == 9)
        #expect(records[1]["jobsWithHighFindings"] as? Int == 18)
        let findings = records[1]["findings"] as? [String: Any]
        #expect(findings?["high"] as? Int == 59 && findings?["medium"] as? Int == 460 && findings?["low"] as? Int == 1609)
        #expect(findings?["total"] as? Int == 59 + 460 + 1609)
        #expect((records[1]["time"] as? String)?.hasSuffix("Z") == true)

        let failed = try TestSupport.run(
            binary, ["run", "--samples", "/nonexistent", "--output-dir", out.path, "--log-format", "json"])
        #expect(failed.status == 1)
        let record = try JSONSerialization.jsonObject(with: Data(failed.stderr.utf8)) as? [String: Any]
        #expect(record?["level"] as? String == "error")
    }
}
