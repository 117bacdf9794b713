import Foundation
import TestSupport
import Testing

/// Paths that are not what they should be (a FIFO, a device, a symbolic-link loop, a
/// template that includes itself, bytes that are not UTF-8), through the built binary: one
/// line that names the true cause, exit 1 (2 for an option's file), the earlier reports
/// byte for byte, and no temporary file left.
/// One test at a time: each runs the binary, and a burst of them on two cores slows the
/// tests elsewhere that time a deadline.
@Suite(.serialized) struct TruthfulCauseTests {
    let binary = TestSupport.executable()

    func demo(_ out: URL) -> [String] {
        ["run", "--samples", TestSupport.demoSamples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf]
    }

    /// An output folder holding a first run's reports, and their bytes, made once: every test
    /// here expects a refusal that touches nothing, so they share it (and the machine stays
    /// free for the timed tests). `folder` is a fresh scratch folder for each test's own files.
    static let shared = Task {
        let out = try TestSupport.scratchDirectory("cause").appendingPathComponent("out")
        let arguments = [
            "run", "--samples", TestSupport.demoSamples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf,
            "--quiet",
        ]
        #expect(try await runDetached(TestSupport.executable(), arguments).status == 0)
        return (out, try TestSupport.snapshot(out))
    }

    func previousRun() async throws -> (folder: URL, out: URL, before: [String: Data]) {
        let (out, before) = try await Self.shared.value
        return (try TestSupport.scratchDirectory("cause"), out, before)
    }

    /// Runs `arguments` and checks it failed with exactly `line`, leaving `previous` as it was.
    func expectFailure(
        _ arguments: [String], status: Int32 = 1, line: String, previous: (folder: URL, out: URL, before: [String: Data])
    ) async throws {
        let result = try await runDetached(binary, arguments)
        #expect(result.status == status)
        #expect(result.stderr == "macie-report: error: \(line)\n")
        #expect(try TestSupport.snapshot(previous.out) == previous.before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: previous.out.path).filter { $0.hasPrefix(".") }.isEmpty,
            "no temporary file left")
    }

    @Test func aTemplateThatIncludesItselfIsOneLineBeforeAnyReport() async throws {
        let previous = try await previousRun()
        let templates = try TestSupport.folder(with: ["report.mustache": "{{#jobs}}{{name}} {{> report}}{{/jobs}}"])
        try await expectFailure(
            demo(previous.out) + ["--templates", templates.path],
            line:
                "\(templates.path)/report.mustache includes itself ({{> report}} at line 1, column 19), which would recurse without end; remove the tag",
            previous: previous)
        let deep = try TestSupport.folder(with: [
            "report.mustache": String(repeating: "{{#jobs}}", count: 5000) + String(repeating: "{{/jobs}}", count: 5000)
        ])
        try await expectFailure(
            demo(previous.out) + ["--templates", deep.path],
            line:
                "\(deep.path)/report.mustache: line 1, column 901: sections nest more than 100 deep here; flatten the template",
            previous: previous)
    }

    @Test func aFIFOInTheSamplesFolderIsNamedAsOne() async throws {
        let previous = try await previousRun()
        let samples = previous.folder.appendingPathComponent("samples")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: false)
        #expect(mkfifo(samples.appendingPathComponent("us-east-1.json").path, 0o644) == 0)
        try await expectFailure(
            ["run", "--samples", samples.path, "--output-dir", previous.out.path],
            line: "samples file \(samples.path)/us-east-1.json is a FIFO, not a regular file", previous: previous)
        try FileManager.default.removeItem(at: samples.appendingPathComponent("us-east-1.json"))
        try FileManager.default.createSymbolicLink(
            atPath: samples.appendingPathComponent("eu-west-1.json").path, withDestinationPath: "/dev/zero")
        try await expectFailure(
            ["run", "--samples", samples.path, "--output-dir", previous.out.path],
            line: "samples file \(samples.path)/eu-west-1.json is a device, not a regular file", previous: previous)
    }

    @Test func aTemplateThatIsAFIFOIsNamedAsOne() async throws {
        let previous = try await previousRun()
        let templates = previous.folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: false)
        #expect(mkfifo(templates.appendingPathComponent("report.mustache").path, 0o644) == 0)
        try await expectFailure(
            demo(previous.out) + ["--templates", templates.path],
            line: "template \(templates.path)/report.mustache is a FIFO, not a regular file", previous: previous)
        try await expectFailure(
            demo(previous.out) + ["--templates", "/dev/zero"],
            line: "templates directory /dev/zero is a device, not a directory", previous: previous)
    }

    @Test func symbolicLinkLoopsAreCalledThat() async throws {
        let previous = try await previousRun()
        let loop = previous.folder.appendingPathComponent("loop").path
        #expect(symlink(loop, loop) == 0)
        try await expectFailure(
            ["run", "--samples", loop, "--output-dir", previous.out.path],
            line: "cannot read samples directory \(loop): too many levels of symbolic links", previous: previous)
        try await expectFailure(
            demo(URL(fileURLWithPath: loop)),
            line: "cannot use output directory \(loop): too many levels of symbolic links", previous: previous)
        try await expectFailure(
            demo(previous.out) + ["--templates", loop],
            line: "cannot read templates directory \(loop): too many levels of symbolic links", previous: previous)
        try await expectFailure(
            demo(previous.out) + ["--config", loop], status: 2,
            line: "cannot read config file \(loop): too many levels of symbolic links", previous: previous)
    }

    @Test func invalidUTF8InSamplesIsPlacedByLineAndColumn() async throws {
        let previous = try await previousRun()
        let samples = previous.folder.appendingPathComponent("samples")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: false)
        let bytes =
            Array("[\n {\"jobId\": \"a\", \"name\": \"ok\"},\n {\"jobId\": \"b\", \"name\": \"".utf8) + [0xC3, 0x28]
            + Array("\"}\n]\n".utf8)
        try Data(bytes).write(to: samples.appendingPathComponent("us-east-1.json"))
        try await expectFailure(
            ["run", "--samples", samples.path, "--output-dir", previous.out.path],
            line: "samples file \(samples.path)/us-east-1.json: invalid UTF-8 at line 3, column 26; save the file as UTF-8",
            previous: previous)
    }

    @Test func aDeviceAsTheCAFileIsAUsageError() async throws {
        let previous = try await previousRun()
        let result = try await runDetached(
            binary,
            demo(previous.out) + [
                "--smtp-url", "smtp://127.0.0.1:1", "--smtp-ca-file", "/dev/zero", "--mail-from", "a@example.com",
                "--mail-to", "b@example.com",
            ])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: --smtp-ca-file /dev/zero is a device, not a regular file\n"))
    }
}
