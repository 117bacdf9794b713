import Foundation

/// Paths and helpers the test targets share: the repository, the demo samples, scratch
/// folders, and running the built `macie-report` binary.
public enum TestSupport {
    /// The repository root, found from this file's place in it.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `samples/demo`, the dataset the README runs.
    public static let demoSamples = repositoryRoot.appendingPathComponent("samples/demo")

    /// The time `samples/demo` was generated for: its expiry windows are measured from here.
    public static let demoAsOf = "2026-11-24T06:00:00Z"

    /// A fresh, empty folder under the system temp directory.
    public static func scratchDirectory(_ label: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("macie-report-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `files` (name → text) into a fresh folder and returns it.
    public static func folder(with files: [String: String]) throws -> URL {
        let url = try scratchDirectory("fixture")
        for (name, text) in files {
            let file = url.appendingPathComponent(name)
            // A name like `logs/us-east-1.json` puts the file in a subfolder.
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return url
    }

    /// An executable `/bin/sh` script named `name` holding `body`, in a fresh folder (a fake
    /// sendmail, say): its path, and the folder for what it records.
    public static func shellScript(_ body: String, named name: String = "sendmail", label: String = "script") throws -> (
        path: String, folder: URL
    ) {
        let folder = try scratchDirectory(label)
        let url = folder.appendingPathComponent(name)
        // Written here and copied into place by /bin/cp: a file this process has had open for
        // writing can be inherited by a child another test forks at that moment, and running
        // it then fails with "text file busy" (ETXTBSY). The copy's only writer is cp, which
        // has exited before the script is run.
        let draft = try scratchDirectory(label + "-draft").appendingPathComponent(name)
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: draft)
        let copy = try run(URL(fileURLWithPath: "/bin/cp"), [draft.path, url.path])
        guard copy.status == 0 else { throw CopyFailed(description: "cp \(draft.path) \(url.path): \(copy.stderr)") }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return (url.path, folder)
    }

    struct CopyFailed: Error, CustomStringConvertible { let description: String }

    /// The built executable: `MACIE_REPORT_BIN`, else the one beside the test bundle.
    public static func executable(_ name: String = "macie-report") -> URL {
        if let path = ProcessInfo.processInfo.environment["MACIE_REPORT_BIN"], name == "macie-report" {
            return URL(fileURLWithPath: path)
        }
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for folder in candidates {
            let url = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/\(name)")
    }

    /// What a finished process said and how it ended.
    public struct ProcessResult: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs a program to completion, optionally under `/bin/sh -c` limits such as `ulimit -f`.
    /// stdout and stderr are read at the same time (see ``TestChild``), so a child writing
    /// any amount to either cannot deadlock the test; past `timeout` seconds the child is killed
    /// and the call throws.
    public static func run(
        _ program: URL, _ arguments: [String], shellPrefix: String? = nil, environment: [String: String]? = nil,
        timeout: TimeInterval = 600
    ) throws -> ProcessResult {
        var program = program
        var arguments = arguments
        if let shellPrefix {
            let quoted = ([program.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            arguments = ["-c", "\(shellPrefix); exec \(quoted.joined(separator: " "))"]
            program = URL(fileURLWithPath: "/bin/sh")
        }
        return try TestChild(program, arguments, environment: environment).finish(timeout: timeout)
    }

    /// Every file (not folder) in a folder with its bytes, to prove a failed run changed nothing.
    public static func snapshot(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            var isDirectory: ObjCBool = false
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            files[name] = try Data(contentsOf: url)
        }
        return files
    }

    /// The hidden files and folders in a folder: a run's temporary files (and the folder it
    /// stages its reports in) start with a dot, and none may be left after it.
    public static func hiddenEntries(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }.sorted()
    }
}
