import Foundation
import TestSupport
import Testing

/// The helpers that run programs for the tests never deadlock on a full pipe, and never wait
/// forever on a child.
@Suite struct TestChildTests {
    static let megabyte = 1_048_576

    /// 1 MB to stderr first, then 1 MB to stdout: reading stdout to its end before stderr (as
    /// the helper once did) leaves the child blocked on a full stderr pipe, and the test hung.
    @Test func aChildWritingMegabytesToBothPipesFinishes() throws {
        let script = """
            head -c \(Self.megabyte) /dev/zero | tr '\\0' e >&2
            head -c \(Self.megabyte) /dev/zero | tr '\\0' o
            exit 3
            """
        let result = try TestSupport.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], timeout: 120)
        #expect(result.status == 3)
        #expect(result.stderr.utf8.count == Self.megabyte && result.stderr.utf8.allSatisfy { $0 == UInt8(ascii: "e") })
        #expect(result.stdout.utf8.count == Self.megabyte && result.stdout.utf8.allSatisfy { $0 == UInt8(ascii: "o") })
    }

    /// The same through the `ulimit` path (`/bin/sh -c 'LIMIT; exec PROGRAM'`).
    @Test func theShellPrefixPathReadsBothPipesToo() throws {
        let result = try TestSupport.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "head -c \(Self.megabyte) /dev/zero >&2; echo done"],
            shellPrefix: "ulimit -f unlimited", timeout: 120)
        #expect(result.status == 0)
        #expect(result.stderr.utf8.count == Self.megabyte)
        #expect(result.stdout == "done\n")
    }

    /// A child that never ends is killed at the deadline and the test is told, with what the
    /// child had said.
    @Test func aChildThatHangsIsKilledAtTheDeadline() throws {
        let child = try TestChild(URL(fileURLWithPath: "/bin/sh"), ["-c", "echo waiting >&2; exec sleep 600"])
        // Once it has said so (an event, not a delay), it is waiting for good.
        let saidIt = Date().addingTimeInterval(120)
        while !child.standardErrorSoFar.contains("waiting") {
            try #require(Date() < saidIt, "the child never started")
            Thread.sleep(forTimeInterval: 0.01)
        }
        let error = try #require(throws: TestChild.TimedOut.self) { try child.finish(timeout: 1) }
        #expect(error.description.contains("did not finish within 1 s"))
        #expect(error.description.contains("waiting"))
    }
}
