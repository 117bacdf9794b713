import Foundation
import TestSupport
import Testing

/// The built `macie-report` binary, as cron runs it: exit codes, stdout, stderr, files.
@Suite struct RunCommandTests {
    let binary = TestSupport.executable()

    func run(_ arguments: [String], shellPrefix: String? = nil) throws -> TestSupport.ProcessResult {
        try TestSupport.run(binary, arguments, shellPrefix: shellPrefix)
    }

    func demoArguments(_ out: URL) -> [String] {
        ["run", "--samples", TestSupport.demoSamples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf]
    }

    @Test func writesEveryReportAndOneSummaryLine() throws {
        let out = try TestSupport.scratchDirectory("cli")
        let result = try run(demoArguments(out))
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "76 jobs in 3 regions and 3 accounts; 18 need attention (9 ERROR on last run, 5 paused by Macie, 5 user-paused expiring within 7 days); 18 with High findings. Wrote jobs.csv, summary.csv, errors.csv, coverage.csv, report.html, report.xlsx to \(out.path).\n"
        )
        #expect(
            result.stderr == "macie-report: warning: jobStatus \"ARCHIVED\" is not in the Macie2 model; shown as sent (1 job)\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [
                "coverage.csv", "errors.csv", "jobs.csv", "report.html", "report.xlsx", "summary.csv",
            ])
    }

    @Test func quietPrintsNothingAndFormatLimitsTheFiles() throws {
        let out = try TestSupport.scratchDirectory("cli")
        let result = try run(demoArguments(out) + ["--quiet", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["coverage.csv", "errors.csv", "jobs.csv", "summary.csv"])
    }

    @Test func formulaGuardCanBeTurnedOff() throws {
        let guarded = try TestSupport.scratchDirectory("cli")
        let raw = try TestSupport.scratchDirectory("cli")
        #expect(try run(demoArguments(guarded) + ["--format", "csv"]).status == 0)
        #expect(try run(demoArguments(raw) + ["--format", "csv", "--no-formula-guard"]).status == 0)
        let guardedText = try String(contentsOf: guarded.appendingPathComponent("jobs.csv"), encoding: .utf8)
        let rawText = try String(contentsOf: raw.appendingPathComponent("jobs.csv"), encoding: .utf8)
        #expect(guardedText.contains(",'-2+3,"))
        #expect(rawText.contains(",-2+3,"))
        #expect(!rawText.contains(",'-2+3,"))
    }

    @Test(arguments: [
        ["run", "--samples", "x"],
        ["run", "--samples", "x", "--output-dir", "y", "--region", "us-east-1"],
        ["run", "--output-dir", "y", "--include", "jobStatus LIKE RUNNING"],
        ["run", "--output-dir", "y", "--max-concurrency", "0"],
        ["run", "--samples", "x", "--output-dir", "y", "--format", "pdf"],
        ["run", "--samples", "x", "--output-dir", "y", "--as-of", "soon"],
        ["run", "--samples", "x", "--output-dir", "y", "--no-such-flag"],
        ["frobnicate"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Usage:") || result.stderr.contains("USAGE:"))
        #expect(result.stdout.isEmpty)
    }

    @Test func helpExitsZero() throws {
        let result = try run(["run", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("--samples <DIR>"))
        #expect(result.stdout.contains("--no-formula-guard"))
    }

    @Test func missingSamplesIsOneLineAndTouchesNothing() throws {
        let out = try TestSupport.scratchDirectory("cli")
        let result = try run(["run", "--samples", out.appendingPathComponent("nope").path, "--output-dir", out.path])
        #expect(result.status == 1)
        #expect(result.stderr == "macie-report: error: samples directory \(out.path)/nope does not exist\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test func anOutputPathThatIsAFileIsFatal() throws {
        let folder = try TestSupport.folder(with: ["taken": "x"])
        let result = try run(demoArguments(folder.appendingPathComponent("taken")))
        #expect(result.status == 1)
        #expect(result.stderr.hasSuffix("exists and is not a directory\n"))
    }

    @Test func malformedSamplesLeaveEarlierReportsByteIdentical() throws {
        let out = try TestSupport.scratchDirectory("cli")
        #expect(try run(demoArguments(out)).status == 0)
        let before = try TestSupport.snapshot(out)
        let bad = try TestSupport.folder(with: ["us-east-1.json": "[{\"jobId\": \"a\"},\n {\"jobId\": }]"])
        let result = try run(["run", "--samples", bad.path, "--output-dir", out.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("us-east-1.json: malformed JSON at line 2, column 12"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(try TestSupport.snapshot(out) == before)
    }

    @Test func aWriteFailureMidRunLeavesEarlierReportsByteIdentical() throws {
        let out = try TestSupport.scratchDirectory("cli")
        #expect(try run(demoArguments(out)).status == 0)
        let before = try TestSupport.snapshot(out)
        // 30 KiB is enough for summary.csv but not jobs.csv: the write fails part-way, like a full disk.
        let result = try run(demoArguments(out), shellPrefix: "ulimit -f 30")
        #expect(result.status == 1)
        #expect(result.stderr == "macie-report: error: cannot write jobs.csv in \(out.path): File too large\n")
        #expect(try TestSupport.snapshot(out) == before, "no temp file left, no report changed")
        #expect(try TestSupport.hiddenEntries(out) == [])
    }

    @Test func usersTemplatesRenderTheHTML() throws {
        let out = try TestSupport.scratchDirectory("cli")
        let templates = try TestSupport.folder(with: ["report.mustache": "{{totalJobs}} jobs, {{attentionCount}} need attention"])
        let result = try run(demoArguments(out) + ["--format", "html", "--templates", templates.path])
        #expect(result.status == 0)
        #expect(
            try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8) == "76 jobs, 18 need attention")
        let broken = try TestSupport.folder(with: ["report.mustache": "{{#jobs}}"])
        let failed = try run(demoArguments(out) + ["--templates", broken.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("report.mustache"))
    }
}

extension RunCommandTests {
    @Test func aDirectoryInTheWayReplacesNoReport() throws {
        let out = try TestSupport.scratchDirectory("cli")
        #expect(try run(demoArguments(out) + ["--format", "csv,html"]).status == 0)
        try FileManager.default.createDirectory(at: out.appendingPathComponent("report.xlsx"), withIntermediateDirectories: false)
        let before = try TestSupport.snapshot(out)
        let result = try run(demoArguments(out) + ["--as-of", "2027-01-01T00:00:00Z"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("report.xlsx: it is a directory"))
        #expect(before.keys.sorted() == ["coverage.csv", "errors.csv", "jobs.csv", "report.html", "summary.csv"])
        #expect(try TestSupport.snapshot(out) == before)
    }
}
