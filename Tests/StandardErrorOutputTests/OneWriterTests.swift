import Foundation
import TestSupport
import Testing

/// Keeps "every stderr write of macie-report goes through StandardErrorWriter" true as code
/// changes: no module of the macie-report process may write to stderr by any other route (a
/// write the stop cannot close could follow the stop message). The emulator and the
/// build-time template tool are other processes, and StandardErrorOutput is the writer itself.
@Suite struct OneWriterTests {
    static let otherProcesses: Set<String> = ["StandardErrorOutput", "CStdioRoute", "Macie2EmulatorCLI", "EmbedTemplatesTool"]
    static let directRoutes = [
        "FileHandle.standardError", "StreamLogHandler.standardError", "fputs(", "fprintf(", "perror(", "write(2,",
        "write(STDERR_FILENO",
    ]
    /// `dup2` onto fd 2 in this process. A child's descriptors (`posix_spawn_file_actions_adddup2`)
    /// and pipes retired onto /dev/null are not our stderr.
    static let redirection = try! NSRegularExpression(pattern: #"(?<![A-Za-z_])dup2\([^)]*,\s*(2|STDERR_FILENO)\s*\)"#)

    @Test func noModuleWritesToStderrExceptThroughTheWriter() throws {
        let sources = TestSupport.repositoryRoot.appendingPathComponent("Sources")
        var found: [String] = []
        let enumerator = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var scanned = 0
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            let module = url.pathComponents[sources.pathComponents.count]
            guard !Self.otherProcesses.contains(module) else { continue }
            scanned += 1
            let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            for (number, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                for route in Self.directRoutes where line.contains(route) {
                    found.append("\(module)/\(url.lastPathComponent):\(number + 1): \(route)")
                }
                let range = NSRange(line.startIndex..., in: line)
                if Self.redirection.firstMatch(in: line, range: range) != nil {
                    found.append("\(module)/\(url.lastPathComponent):\(number + 1): dup2 onto fd 2")
                }
            }
        }
        #expect(scanned > 50, "the sources were not found at \(sources.path)")
        #expect(found == [], "write through StandardErrorWriter.shared instead")
    }
}
