import Foundation
import TestSupport
import Testing

/// Integer options past what date and time arithmetic can hold, and file options that would
/// make the run write over its own files: usage errors (exit 2) before any report is touched.
/// One test at a time: each runs the binary, and a burst of them on two cores slows the
/// tests elsewhere that time a deadline.
@Suite(.serialized) struct OptionBoundsTests {
    let binary = TestSupport.executable()

    func demo(_ out: URL) -> [String] {
        ["run", "--samples", TestSupport.demoSamples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf]
    }

    /// A folder holding a first run's reports and history, and their bytes.
    static func makePreviousRun() async throws -> (out: URL, history: URL, before: [String: Data]) {
        let folder = try TestSupport.scratchDirectory("bounds")
        let out = folder.appendingPathComponent("out")
        let history = folder.appendingPathComponent("history.sqlite")
        let arguments = [
            "run", "--samples", TestSupport.demoSamples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf,
            "--history", history.path, "--quiet",
        ]
        let first = try await runDetached(TestSupport.executable(), arguments)
        #expect(first.status == 0, "\(first.stderr)")
        return (out, history, try TestSupport.snapshot(out))
    }

    /// One earlier run shared by the tests that expect a refusal: none of them may change it,
    /// and one run instead of one a test keeps the machine free for the timed tests.
    static let shared = Task { try await makePreviousRun() }

    func previousRun() async throws -> (out: URL, history: URL, before: [String: Data]) { try await Self.shared.value }

    @Test(arguments: [
        (
            ["--keep-days", "9223372036854775807"],
            "--keep-days must be between 1 and 36500 days (100 years), not 9223372036854775807"
        ),
        (["--keep-days", "36501"], "--keep-days must be between 1 and 36500 days (100 years), not 36501"),
        (["--keep-days", "0"], "--keep-days must be between 1 and 36500 days (100 years), not 0"),
        (
            ["--lock-timeout", "9223372036854775807"],
            "--lock-timeout must be between 0 and 86400 seconds (a day), not 9223372036854775807"
        ),
        (["--lock-timeout=-1"], "--lock-timeout must be between 0 and 86400 seconds (a day), not -1"),
        (["--expiry-window-days", "9223372036854775807"], "--expiry-window-days must be between 0 and 3650"),
    ])
    func hugeNumbersAreUsageErrorsAndTouchNothing(option: [String], message: String) async throws {
        let previous = try await previousRun()
        let historyBefore = try Data(contentsOf: previous.history)
        let result = try await runDetached(
            binary, demo(previous.out) + ["--history", previous.history.path, "--as-of", "2026-12-24T06:00:00Z"] + option)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result.stderr)")
        #expect(try TestSupport.snapshot(previous.out) == previous.before)
        #expect(try Data(contentsOf: previous.history) == historyBefore)
    }

    @Test func theLargestKeepDaysPrunesWithoutTrapping() async throws {
        let previous = try await Self.makePreviousRun()
        let result = try await runDetached(
            binary,
            demo(previous.out) + ["--history", previous.history.path, "--keep-days", "36500", "--as-of", "2026-11-25T06:00:00Z"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Since 2026-11-24T06:00:00Z:"), "the first run was kept and compared with")
    }

    @Test func aHugeNumberInTheConfigFileIsAUsageErrorToo() async throws {
        let previous = try await previousRun()
        let file = try TestSupport.folder(with: [
            "c.conf": "history = \(previous.history.path)\nkeep-days = 9223372036854775807\n"
        ])
        let result = try await runDetached(binary, demo(previous.out) + ["--config", file.appendingPathComponent("c.conf").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--keep-days must be between 1 and 36500 days"))
        #expect(try TestSupport.snapshot(previous.out) == previous.before)
    }

    @Test func anEmptyOutputDirIsAUsageError() async throws {
        let folder = try TestSupport.scratchDirectory("empty-out")
        let result = try await runDetached(
            URL(fileURLWithPath: "/bin/sh"),
            [
                "-c", "cd \"$1\" && exec \"$2\" run --samples \"$3\" --output-dir ''", "sh", folder.path, binary.path,
                TestSupport.demoSamples.path,
            ])
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "Error: --output-dir is empty; give the directory to write the reports to (--output-dir . for the current one)\n")
        )
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "nothing written where it ran")
    }

    @Test func emlOnAReportIsAUsageErrorNamingBoth() async throws {
        let previous = try await previousRun()
        let folder = previous.out.deletingLastPathComponent()
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: previous.out)
        let sub = previous.out.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
        let html = previous.out.appendingPathComponent("report.html").path
        for eml in [html, "\(sub.path)/../report.html", "\(link.path)/report.html"] {
            let result = try await runDetached(
                binary, demo(previous.out) + ["--eml", eml, "--mail-from", "a@example.com", "--mail-to", "b@example.com"])
            #expect(result.status == 2, "\(eml)")
            #expect(
                result.stderr.hasPrefix(
                    "Error: --eml \(eml) is \(html), one of this run's reports, and would overwrite it; write the message to another file\n"
                ), "\(result.stderr)")
        }
        let onHistory = try await runDetached(
            binary,
            demo(previous.out) + [
                "--history", previous.history.path, "--eml", "\(link.path)/../history.sqlite", "--mail-from", "a@example.com",
                "--mail-to", "b@example.com",
            ])
        #expect(onHistory.status == 2)
        #expect(onHistory.stderr.contains("is the --history file \(previous.history.path)"))
        try FileManager.default.removeItem(at: sub)
        #expect(try TestSupport.snapshot(previous.out) == previous.before)
    }
}
