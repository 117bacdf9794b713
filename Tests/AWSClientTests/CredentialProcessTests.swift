import AWSClient
import Foundation
import TestSupport
import Testing

/// `credential_process` with a deadline: a helper that hangs is stopped with everything it
/// started, and the run says so.
@Suite struct CredentialProcessTests {
    /// Whether `pid` is gone (or only a zombie waiting to be reaped).
    static func isGone(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        // The state follows the command name in parentheses: "123 (sleep) S ...".
        guard let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(close, offsetBy: 2)] == "Z"
    }

    @Test func aHungHelperIsStoppedWithItsChildrenAtTheDeadline() async throws {
        let folder = try TestSupport.scratchDirectory("process")
        let pids = folder.appendingPathComponent("pids")
        let command = "echo $$ > '\(pids.path)'; sleep 300 & echo $! >> '\(pids.path)'; wait"
        await #expect {
            _ = try await ProcessCredentials.run(command, timeout: .seconds(1))
        } throws: { error in
            "\(error)"
                == "credential_process did not finish within 1 s and was stopped (with everything it started); check the command in the profile"
        }
        let started = try String(contentsOf: pids, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        #expect(started.count == 2, "the shell and the sleep it started")
        // Signals are delivered asynchronously: wait (up to a minute, failing only then) for both to be gone.
        let deadline = Date().addingTimeInterval(60)
        while !started.allSatisfy(Self.isGone) && Date() < deadline { try await Task.sleep(nanoseconds: 50_000_000) }
        #expect(started.allSatisfy(Self.isGone), "\(started) still running")
    }

    @Test func aHelperKilledOrPrintingGarbageIsNamed() async throws {
        await #expect {
            _ = try await ProcessCredentials.run("kill -9 $$")
        } throws: { "\($0)" == "credential_process was killed by signal 9" }
        await #expect {
            _ = try await ProcessCredentials.run("echo 'not json'; echo oops >&2")
        } throws: { "\($0)" == "credential_process did not print a JSON object" }
        let good = try await ProcessCredentials.run(
            #"echo '{"Version": 1, "AccessKeyId": "AKPROC", "SecretAccessKey": "p"}'"#)
        #expect(good.credentials.accessKeyId == "AKPROC")
    }
}
