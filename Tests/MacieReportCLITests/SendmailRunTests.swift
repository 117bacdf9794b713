import Foundation
import TestSupport
import Testing

/// `run --sendmail` through the built binary: a sendmail that does not take the message is
/// exit 5, and a run stopped while sendmail hangs takes sendmail and its children with it.
/// One test at a time: each runs the binary, and a burst of them on two cores slows the
/// tests elsewhere that time a deadline.
@Suite(.serialized) struct SendmailRunTests {
    let binary = TestSupport.executable()

    func script(_ body: String) throws -> (path: String, folder: URL) {
        try TestSupport.shellScript(body, label: "sendmail-run")
    }

    func arguments(_ out: URL, sendmail: String) -> [String] {
        [
            "run", "--samples", TestSupport.demoSamples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf,
            "--quiet", "--sendmail", sendmail, "--mail-from", "reports@example.com", "--mail-to", "a@example.org",
        ]
    }

    @Test func aSendmailThatExitsZeroWithoutReadingIsExitFive() async throws {
        let fake = try script("exit 0")
        let out = fake.folder.appendingPathComponent("out")
        let result = try await runDetached(binary, arguments(out, sendmail: fake.path))
        #expect(result.status == 5)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(
            lines.first?.hasPrefix(
                "macie-report: error: mail not delivered: --sendmail \(fake.path) exited with status 0 but read only 0 of the message's "
            ) == true)
        #expect(try TestSupport.snapshot(out).keys.sorted() == ["coverage.csv", "errors.csv", "jobs.csv", "report.html", "report.xlsx", "summary.csv"])
    }

    @Test func sigtermStopsSendmailAndWhatItStarted() async throws {
        let fake = try script(
            "trap '' TERM; sleep 300 & echo $! > \"$(dirname \"$0\")/grandchild.tmp\"; echo $$ > \"$(dirname \"$0\")/pid.tmp\"; "
                + "mv \"$(dirname \"$0\")/grandchild.tmp\" \"$(dirname \"$0\")/grandchild\"; mv \"$(dirname \"$0\")/pid.tmp\" \"$(dirname \"$0\")/pid\"; wait"
        )
        let out = fake.folder.appendingPathComponent("out")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments(out, sendmail: fake.path)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Wait until sendmail and its child are both running (they write their ids last).
        let grandchildFile = fake.folder.appendingPathComponent("grandchild")
        let pidFile = fake.folder.appendingPathComponent("pid")
        for _ in 0..<600 where !FileManager.default.fileExists(atPath: pidFile.path) {
            try await Task.sleep(for: .milliseconds(100))
        }
        let sendmail = try #require(
            pid_t(try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        let grandchild = try #require(
            pid_t(try String(contentsOf: grandchildFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        process.terminate()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 143, "\(said)")
        #expect(said.contains("stopped by SIGTERM"))
        for pid in [sendmail, grandchild] {
            #expect(try await Self.isDead(pid), "process \(pid) outlived the run")
        }
    }

    /// Whether `pid` is gone or a zombie, waiting up to 10 s for SIGKILL to land.
    static func isDead(_ pid: pid_t) async throws -> Bool {
        for _ in 0..<100 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return true }
            if stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
