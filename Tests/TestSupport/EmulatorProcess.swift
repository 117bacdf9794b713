import Foundation

/// The built `macie2-emulator`, started on a free port for one test and stopped after it.
public final class EmulatorProcess: @unchecked Sendable {
    public let url: String
    private let process: Process

    /// Starts it on `samples` (default: the demo) with these extra arguments; waits (at most
    /// `timeout` seconds) for the endpoint line. Its stdout is read to the end on a thread of
    /// its own after that line, and its stderr goes to /dev/null, so however much it writes,
    /// it never blocks on a full pipe.
    public init(_ arguments: [String], samples: URL = TestSupport.demoSamples, timeout: TimeInterval = 120) throws {
        process = Process()
        process.executableURL = TestSupport.executable("macie2-emulator")
        process.arguments = ["--samples", samples.path, "--port", "0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let firstLine = FirstLine()
        let reader = out.fileHandleForReading
        Thread {
            var line = Data()
            var delivered = false
            while case let chunk = reader.availableData, !chunk.isEmpty {
                guard !delivered else { continue }
                line += chunk
                if let end = line.firstIndex(of: UInt8(ascii: "\n")) {
                    firstLine.deliver(String(decoding: line[..<end], as: UTF8.self))
                    delivered = true
                }
            }
            if !delivered { firstLine.deliver(String(decoding: line, as: UTF8.self)) }
        }.start()
        guard let line = firstLine.wait(timeout: timeout) else {
            process.terminate()
            throw EmulatorFailed(description: "macie2-emulator did not print its endpoint within \(Int(timeout)) s")
        }
        guard line.hasPrefix("http://127.0.0.1:") else {
            process.terminate()
            throw EmulatorFailed(description: "macie2-emulator did not start: \(line)")
        }
        url = line
    }

    public struct EmulatorFailed: Error, CustomStringConvertible { public let description: String }

    public func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    deinit { if process.isRunning { process.terminate() } }
}

/// The emulator's first stdout line, handed from the reading thread to the test.
private final class FirstLine: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var line: String?

    func deliver(_ text: String) {
        lock.withLock { line = text }
        ready.signal()
    }

    func wait(timeout: TimeInterval) -> String? {
        guard ready.wait(timeout: .now() + timeout) == .success else { return nil }
        return lock.withLock { line }
    }
}
