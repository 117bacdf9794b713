import ChildProcess
import Foundation
import TestSupport
import Testing

@testable import MailDelivery

/// sendmail as a child process: what counts as delivered, how much of its output is kept,
/// and that a stuck one is stopped with everything it started. Fake sendmails are scripts.
@Suite struct SendmailProcessTests {
    func script(_ body: String) throws -> (path: String, folder: URL) {
        try TestSupport.shellScript(body, label: "sendmail")
    }

    func mail(size: Int) -> EncodedMail {
        let head = Array("To: a@example.org\r\nSubject: x\r\n\r\n".utf8)
        return EncodedMail(
            sender: "r@example.com", recipients: ["a@example.org"],
            bytes: head + Array(repeating: UInt8(ascii: "y"), count: size - head.count))
    }

    func failure(
        _ path: String, _ mail: EncodedMail, timeout: Duration = .seconds(60),
        tracking: @escaping @Sendable (pid_t, Bool) -> Void = { _, _ in }
    ) async -> String? {
        do {
            try await SendmailTransport(path: path, timeout: timeout, tracking: tracking).send(mail)
            return nil
        } catch {
            return error.description
        }
    }

    /// Whether `pid` is gone or a zombie, waiting up to 10 s for SIGKILL to land.
    func isDead(_ pid: pid_t) async throws -> Bool {
        for _ in 0..<100 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            // "pid (comm) S ...": the state follows the last ')'.
            if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test(arguments: [50, 200_000])
    func exitingZeroWithoutReadingIsNotDelivered(size: Int) async throws {
        let fake = try script("exit 0")
        let said = await failure(fake.path, mail(size: size))
        #expect(
            said
                == "--sendmail \(fake.path) exited with status 0 but read only 0 of the message's \(size) bytes, so it cannot have sent it; check that it is a sendmail that reads the message on stdin"
        )
    }

    @Test func readingPartOfTheMessageIsNotDelivered() async throws {
        let fake = try script("dd bs=1 count=100 of=/dev/null 2>/dev/null; echo 'queued' >&2; exit 0")
        let said = await failure(fake.path, mail(size: 100_000))
        #expect(
            said
                == "--sendmail \(fake.path) exited with status 0 but read only 100 of the message's 100000 bytes, so it cannot have sent it: queued; check that it is a sendmail that reads the message on stdin"
        )
    }

    @Test func readingAllOfItAndExitingZeroIsDelivered() async throws {
        let fake = try script("cat > \"$(dirname \"$0\")/stdin\"")
        let message = mail(size: 300_000)
        let said = await failure(fake.path, message)
        #expect(said == nil)
        #expect(try Data(contentsOf: fake.folder.appendingPathComponent("stdin")) == Data(message.bytes))
    }

    @Test func aFloodOfOutputIsDrainedButOnlyItsStartKept() async throws {
        let flood = "echo 'sendmail: queue file system full' >&2; head -c 8000000 /dev/zero | tr '\\0' x >&2; exit 75"
        let fake = try script("cat > /dev/null; \(flood)")
        // The flood is read to the end (else sendmail would block and hit the deadline) ...
        let said = await failure(fake.path, mail(size: 1000))
        #expect(said == "--sendmail \(fake.path) exited with status 75: sendmail: queue file system full")
        // ... and only its first 4 KB are held.
        let child = try SpawnedProcess("/bin/sh", arguments: ["-c", flood])
        // Waiting for it blocks: on a thread of its own, not one of the test pool's.
        let exchange = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: child.exchange([], timeout: .seconds(60))) }.start()
        }
        #expect(!exchange.timedOut && (exchange.status >> 8) & 0xFF == 75)
        #expect(exchange.output.total == 8_000_033)
        #expect(exchange.output.kept.count == 4096)
        #expect(exchange.output.firstLine() == "sendmail: queue file system full")
    }

    @Test func aLongLineIsCutAndControlCharactersDropped() throws {
        var output = CappedOutput(limit: 1000)
        let text = "\u{1B}[2Kfake\u{7}" + String(repeating: "z", count: 900) + "\nsecond"
        Array(text.utf8).withUnsafeBytes { output.append($0) }
        #expect(output.firstLine(length: 10) == "[2Kfakezzz…")
        #expect(output.total == text.utf8.count)
    }

    @Test func aStuckSendmailIsStoppedWithEveryProcessItStarted() async throws {
        // Both ignore SIGTERM, as a wedged child might: only the group's SIGKILL stops them.
        let fake = try script("trap '' TERM; sleep 300 & echo $! > \"$(dirname \"$0\")/grandchild\"; wait")
        let record = TrackedGroups()
        let failed = await failure(fake.path, mail(size: 100), timeout: .seconds(5), tracking: record.note)
        #expect(failed == "--sendmail \(fake.path) did not finish within 5 s and was stopped")
        let group = try #require(record.events.first?.0)
        #expect(record.events.map(\.0) == [group, group] && record.events.map(\.1) == [true, false], "listed while it ran")
        let grandchild = try #require(
            pid_t(
                String(contentsOf: fake.folder.appendingPathComponent("grandchild"), encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(try await isDead(grandchild), "the process sendmail started is gone too")
        #expect(Self.liveMembers(of: group).isEmpty)
    }

    /// The processes in process group `group` that are alive (not zombies), from /proc.
    static func liveMembers(of group: pid_t) -> [pid_t] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> pid_t? in
            guard let pid = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            // After "(comm)": state, ppid, pgrp.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, fields[0] != "Z", pid_t(fields[2]) == group else { return nil }
            return pid
        }
    }
}

/// Collects a transport's tracking calls.
final class TrackedGroups: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [(pid_t, Bool)] = []
    var events: [(pid_t, Bool)] { lock.withLock { list } }
    func note(_ group: pid_t, _ running: Bool) { lock.withLock { list.append((group, running)) } }
}
