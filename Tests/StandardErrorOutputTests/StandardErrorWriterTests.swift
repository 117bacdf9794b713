import Foundation
import StandardErrorOutput
import TestSupport
import Testing

/// The one stderr writer: whole writes, and nothing after the last words, whatever the threads do.
@Suite struct StandardErrorWriterTests {
    /// A writer on a fresh file, and a way to read back what reached it.
    struct Target {
        let url: URL
        let fileDescriptor: Int32
        let writer: StandardErrorWriter

        init() throws {
            url = try TestSupport.scratchDirectory("stderr").appendingPathComponent("stderr.txt")
            fileDescriptor = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
            writer = StandardErrorWriter(fileDescriptor: fileDescriptor)
        }

        func text() throws -> String {
            close(fileDescriptor)
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    @Test func nothingFollowsTheLastWords() throws {
        let target = try Target()
        #expect(target.writer.write("macie-report: warning: a note\n"))
        target.writer.close(after: "macie-report: error: stopped by SIGTERM\n")
        #expect(target.writer.isClosed)
        #expect(!target.writer.write("timing: render 1.000 s\n"))
        target.writer.close(after: "a second stop says nothing\n")
        var stream = target.writer.stream
        stream.write("a log record\n")
        #expect(try target.text() == "macie-report: warning: a note\nmacie-report: error: stopped by SIGTERM\n")
    }

    /// Four threads write 2 000 lines each; the writer is closed once the first 500 lines are
    /// out (counted, not timed). Whatever the order, every line that got through is whole,
    /// they are exactly the writes that returned true, and the last words are last.
    @Test func concurrentWritersNeverFollowTheLastWords() throws {
        let target = try Target()
        let written = LockedCounter()
        let enough = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for thread in 0..<4 {
            DispatchQueue.global().async(group: group) {
                for line in 0..<2_000 where target.writer.write("thread \(thread) line \(line) of a render\n") {
                    if written.increment() == 500 { enough.signal() }
                }
            }
        }
        enough.wait()
        target.writer.close(after: "stopped\n")
        group.wait()
        let lines = try target.text().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        #expect(lines.dropLast().last == "stopped")
        let before = lines.dropLast(2)
        #expect(before.count == written.value)
        #expect(before.count >= 500 && before.count < 8_000)
        #expect(before.allSatisfy { $0.wholeMatch(of: /thread [0-3] line [0-9]+ of a render/) != nil })
    }
}

/// A counter several threads bump.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
    var value: Int { lock.withLock { count } }
}
