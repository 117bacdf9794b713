import Foundation

/// The built `macie2-emulator`, started on a free port for one test and stopped after it.
public final class EmulatorProcess: @unchecked Sendable {
    public let url: String
    private let process: Process

    /// Starts it on `samples` (default: the demo) with these extra arguments; waits for the
    /// endpoint line.
    public init(_ arguments: [String], samples: URL = TestSupport.demoSamples) throws {
        process = Process()
        process.executableURL = TestSupport.executable("macie2-emulator")
        process.arguments = ["--samples", samples.path, "--port", "0"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line += byte
        }
        url = String(decoding: line, as: UTF8.self)
        guard url.hasPrefix("http://127.0.0.1:") else {
            process.terminate()
            throw EmulatorFailed(description: "macie2-emulator did not start: \(url)")
        }
    }

    public struct EmulatorFailed: Error, CustomStringConvertible { public let description: String }

    public func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    deinit { if process.isRunning { process.terminate() } }
}
