import Foundation
import TestSupport
import Testing

/// `--help` is a contract: users' scripts and docs quote it. Each command's help is compared
/// with its snapshot in Tests/Fixtures/help; a change must be deliberate. Re-record with
/// `MACIE_REPORT_RECORD_HELP=1 swift test --filter HelpSnapshotTests` and review the diff.
@Suite struct HelpSnapshotTests {
    static let folder = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/help")

    @Test(arguments: [
        ("macie-report", ["--help"], "macie-report.txt"), ("macie-report", ["run", "--help"], "macie-report-run.txt"),
        ("macie2-emulator", ["--help"], "macie2-emulator.txt"),
    ])
    func helpMatchesItsSnapshot(_ program: String, _ arguments: [String], _ snapshot: String) throws {
        let result = try TestSupport.run(
            TestSupport.executable(program), arguments, environment: ["PATH": "/usr/bin:/bin", "COLUMNS": "120"])
        #expect(result.status == 0, "\(result.stderr)")
        let file = Self.folder.appendingPathComponent(snapshot)
        if ProcessInfo.processInfo.environment["MACIE_REPORT_RECORD_HELP"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(result.stdout.utf8).write(to: file)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(result.stdout == expected, "\(program) \(arguments.joined(separator: " ")) differs from \(snapshot)")
    }
}
