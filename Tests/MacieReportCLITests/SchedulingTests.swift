import Foundation
import TestSupport
import Testing

/// What a scheduler relies on: --fail-on for monitoring, one run at a time per output
/// directory, and an interrupted run leaving the previous reports alone.
@Suite struct SchedulingTests {
    let binary = TestSupport.executable()

    func demo(_ out: URL, _ extra: [String] = []) throws -> TestSupport.ProcessResult {
        try TestSupport.run(
            binary,
            [
                "run", "--samples", TestSupport.demoSamples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf,
                "--quiet",
            ] + extra)
    }

    @Test func failOnGivesExitFourAfterWritingTheReports() throws {
        let out = try TestSupport.scratchDirectory("fail-on")
        #expect(try demo(out).status == 0)
        #expect(try demo(out, ["--fail-on", "error"]).status == 4)
        #expect(try demo(out, ["--fail-on", "attention"]).status == 4)
        #expect(try TestSupport.snapshot(out).keys.sorted() == ["coverage.csv", "errors.csv", "jobs.csv", "report.html", "report.xlsx", "summary.csv"])
        #expect(try demo(out, ["--fail-on", "everything"]).status == 2)
    }

    @Test func aSecondRunWaitsForTheLockThenGivesUp() throws {
        let out = try TestSupport.scratchDirectory("lock")
        #expect(try demo(out).status == 0)
        let before = try TestSupport.snapshot(out)
        let fd = open(out.path, O_RDONLY | O_DIRECTORY)
        #expect(flock(fd, LOCK_EX) == 0)
        defer { close(fd) }
        let result = try demo(out, ["--lock-timeout", "1", "--as-of", "2030-01-01T00:00:00Z"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("another macie-report run is writing to \(out.path)"))
        #expect(try TestSupport.snapshot(out) == before)
    }

    /// SIGTERM mid-walk: sent once the run's first request has reached the endpoint (which
    /// holds it unanswered until then), an event rather than a delay, so the run is surely
    /// walking, with its signal handler in place.
    @Test func sigtermLeavesThePreviousReportsAndNoTemporaryFiles() throws {
        let out = try TestSupport.scratchDirectory("sigterm")
        #expect(try demo(out).status == 0)
        let before = try TestSupport.snapshot(out)
        let arrived = DispatchSemaphore(value: 0)
        // A latch: closed until the test ends, then open for every request still coming.
        let held = DispatchGroup()
        held.enter()
        let endpoint = try ScriptedHTTPServer { _ in
            arrived.signal()
            held.wait()
            return .init(503, "{}")
        }
        defer {
            held.leave()
            endpoint.stop()
        }
        let process = try TestChild(
            binary, ["run", "--region", "us-east-1", "--endpoint-url", endpoint.url, "--output-dir", out.path],
            environment: [
                "AWS_ACCESS_KEY_ID": "AKIDSIG", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_EC2_METADATA_DISABLED": "true",
                "HOME": "/nonexistent",
            ])
        try #require(arrived.wait(timeout: .now() + 120) == .success, "no request within 120 s: \(process.standardErrorSoFar)")
        kill(process.processIdentifier, SIGTERM)  // mid-walk
        let result = try process.finish(timeout: 120)
        #expect(result.status == 128 + SIGTERM)
        #expect(result.stderr.contains("stopped by SIGTERM"))
        #expect(try TestSupport.snapshot(out) == before, "previous reports unchanged, no temporary file left")
        #expect(try TestSupport.hiddenEntries(out) == [])
    }
}
