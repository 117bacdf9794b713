import Foundation
import TestSupport
import Testing

/// `--config` files as other systems save them: Windows line ends, a byte-order mark, and
/// paths that are not files at all.
/// One test at a time: each runs the binary, and a burst of them on two cores slows the
/// tests elsewhere that time a deadline.
@Suite(.serialized) struct ConfigFileLinesTests {
    let binary = TestSupport.executable()

    /// The same options, the lines ended by `ending`; `--output-dir` on the command line.
    func check(ending: String, bom: Bool = false) async throws {
        let out = try TestSupport.scratchDirectory("config-lines")
        let text =
            [
                "# written on Windows", "samples = \(TestSupport.demoSamples.path)", "as-of = \(TestSupport.demoAsOf)",
                "format = csv", "quiet = true", "expiry-window-days = 30",
            ].joined(separator: ending) + ending
        let folder = try TestSupport.scratchDirectory("config-file")
        let file = folder.appendingPathComponent("macie-report.conf")
        try Data((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)).write(to: file)
        let result = try await runDetached(binary, ["run", "--config", file.path, "--output-dir", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty, "quiet = true, the fifth line, took effect")
        #expect(try TestSupport.snapshot(out).keys.sorted() == ["coverage.csv", "errors.csv", "jobs.csv", "summary.csv"], "format = csv took effect")
        let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
        #expect(summary.contains("jobStatus,USER_PAUSED,"), "the demo samples were read")
    }

    @Test func crlfLinesAreSeparateLines() async throws { try await check(ending: "\r\n") }

    @Test func loneCRLinesAreSeparateLines() async throws { try await check(ending: "\r") }

    @Test func aByteOrderMarkIsIgnored() async throws { try await check(ending: "\r\n", bom: true) }

    @Test func aCRLFFileStillNamesTheLineThatIsWrong() async throws {
        let folder = try TestSupport.scratchDirectory("config-file")
        let file = folder.appendingPathComponent("bad.conf")
        try Data("samples = x\r\nquiet = true\r\ncolour = blue\r\n".utf8).write(to: file)
        let result = try await runDetached(binary, ["run", "--config", file.path])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "macie-report: error: config file \(file.path), line 3: `run` has no option --colour (see macie-report run --help)\n"
        )
    }

    @Test func aDeviceOrAFIFOIsNamedForWhatItIs() async throws {
        let zero = try await runDetached(binary, ["run", "--config", "/dev/zero"])
        #expect(zero.status == 2)
        #expect(zero.stderr == "macie-report: error: config file /dev/zero is a device, not a regular file\n")
        let folder = try TestSupport.scratchDirectory("config-fifo")
        let fifo = folder.appendingPathComponent("macie-report.conf").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let piped = try await runDetached(binary, ["run", "--config", fifo])
        #expect(piped.status == 2)
        #expect(piped.stderr == "macie-report: error: config file \(fifo) is a FIFO, not a regular file\n")
    }
}
