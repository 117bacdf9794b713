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
        #expect(try TestSupport.snapshot(out).keys.sorted() == ["jobs.csv", "report.html", "report.xlsx", "summary.csv"])
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

    @Test func sigtermLeavesThePreviousReportsAndNoTemporaryFiles() throws {
        let out = try TestSupport.scratchDirectory("sigterm")
        #expect(try demo(out).status == 0)
        let before = try TestSupport.snapshot(out)
        let emulator = try EmulatorProcess(["--credentials", "AKIDSIG:secret", "--latency-ms", "400"])
        defer { emulator.stop() }
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "run", "--region", "us-east-1", "--endpoint-url", emulator.url, "--output-dir", out.path, "--max-concurrency", "1",
        ]
        process.environment = [
            "AWS_ACCESS_KEY_ID": "AKIDSIG", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_EC2_METADATA_DISABLED": "true",
            "HOME": "/nonexistent",
        ]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        process.terminate()  // SIGTERM, mid-walk
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGTERM)
        #expect(message.contains("stopped by SIGTERM"))
        #expect(try TestSupport.snapshot(out) == before, "previous reports unchanged, no temporary file left")
    }
}
