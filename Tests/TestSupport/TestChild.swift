import Foundation

/// A program started for a test, with its stdout and stderr each read to the end on a thread
/// of its own from the start, so a child that fills one pipe (64 KB on Linux) while the test
/// waits on the other cannot deadlock the test; and with a deadline, so a child that hangs
/// fails the test instead of hanging it.
public final class TestChild: Sendable {
    /// The child did not finish within the deadline; it was killed.
    public struct TimedOut: Error, CustomStringConvertible {
        public let description: String
    }

    /// What one pipe has delivered so far.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ chunk: Data) { lock.withLock { data += chunk } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }

    nonisolated(unsafe) private let process = Process()
    private let readers = DispatchGroup()
    private let output = Collected()
    private let errors = Collected()

    /// Starts `program` with stdin from /dev/null.
    public init(_ program: URL, _ arguments: [String], environment: [String: String]? = nil) throws {
        process.executableURL = program
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        Self.drain(out.fileHandleForReading, into: output, readers)
        Self.drain(err.fileHandleForReading, into: errors, readers)
    }

    /// The child's process id, to signal it.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// What the child has written to stderr so far.
    public var standardErrorSoFar: String { errors.text }

    /// Waits for the child to exit and both of its pipes to end. Past `timeout` seconds the
    /// child is killed (SIGKILL) and ``TimedOut`` thrown, with the end of what it wrote.
    public func finish(timeout: TimeInterval = 600) throws -> TestSupport.ProcessResult {
        if readers.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = readers.wait(timeout: .now() + 30)
            throw TimedOut(
                description: "\(process.executableURL?.lastPathComponent ?? "child") did not finish within \(Int(timeout)) s; "
                    + "stderr so far: \(errors.text.suffix(2_000))")
        }
        process.waitUntilExit()
        return TestSupport.ProcessResult(status: process.terminationStatus, stdout: output.text, stderr: errors.text)
    }

    /// Reads `handle` to its end on a thread of its own.
    private static func drain(_ handle: FileHandle, into collected: Collected, _ readers: DispatchGroup) {
        readers.enter()
        Thread {
            while case let chunk = handle.availableData, !chunk.isEmpty { collected.append(chunk) }
            try? handle.close()
            readers.leave()
        }.start()
    }

    deinit { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}
