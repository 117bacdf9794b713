import FileInput
import Foundation
import JobLogModel

/// Which file of a samples folder holds which scope's jobs:
///
/// - `DIR/<region>.json`: jobs in `<region>` of an account not recorded (each job's account
///   comes from its `jobArn`), the layout hand-made samples use;
/// - `DIR/<account>/<region>.json`: jobs of the 12-digit `<account>` in `<region>`, as
///   `--save-samples` writes them when the run knew its account;
/// - `DIR/[<account>/]logs/<region>.json`: the log events read for the scope's jobs (``JobLogsFile``);
/// - `DIR/[<account>/]findings/<region>.json`: the scope's finding counts (``FindingCount``),
///   served by the emulator's GetFindingStatistics and not read by reports yet;
/// - `DIR/scopes.json`: the recorded walk's gaps and caveats (``SamplesManifest``);
/// - `DIR/accounts.json`: the accounts the run saw (``AccountsFile``), never a region file.
struct SamplesLayout {
    struct File {
        var url: URL
        var scope: Scope
    }

    /// Every scope file, in scope order.
    var files: [File]
    /// Each scope's log events file, for scopes recorded with them.
    var logFiles: [Scope: URL] = [:]
    /// Each scope's findings file, for scopes that have one.
    var findingFiles: [Scope: URL] = [:]
    var manifest: SamplesManifest?
    /// Folders that were not read, named for the reader.
    var diagnostics: [SourceDiagnostic]

    /// Lists the folder. Fatal if it holds no scope file at all: a nightly report of zero jobs
    /// from a mistyped path would look like good news.
    static func read(_ directory: URL) throws -> SamplesLayout {
        let kind: FileKind
        do {
            kind = try FileKind.of(directory.path, what: "samples directory")
        } catch {
            throw SourceError(error.description, cause: error)
        }
        guard kind == .directory else {
            throw SourceError(
                "samples path \(directory.path) is not a directory\(kind == .regular ? "" : " (it is \(kind.noun))")")
        }
        var files: [File] = []
        var diagnostics: [SourceDiagnostic] = []
        var logFiles: [Scope: URL] = [:]
        var findingFiles: [Scope: URL] = [:]
        func regionFiles(in folder: URL, account: String?) throws -> [Scope: URL] {
            var found: [Scope: URL] = [:]
            for inner in try names(in: folder) where inner.hasSuffix(".json") {
                found[Scope(accountId: account, region: String(inner.dropLast(5)))] = folder.appendingPathComponent(inner)
            }
            return found
        }
        func addSideFiles(in folder: URL, account: String?) throws {
            let logs = folder.appendingPathComponent(JobLogsFile.folderName)
            if isFolder(logs) { logFiles.merge(try regionFiles(in: logs, account: account)) { $1 } }
            let findings = folder.appendingPathComponent(FindingsFile.folderName)
            if isFolder(findings) { findingFiles.merge(try regionFiles(in: findings, account: account)) { $1 } }
        }
        try addSideFiles(in: directory, account: nil)
        for name in try names(in: directory) {
            let url = directory.appendingPathComponent(name)
            if name.hasSuffix(".json") {
                guard name != SamplesManifest.fileName, name != AccountsFile.fileName else { continue }
                files.append(File(url: url, scope: Scope(region: String(name.dropLast(5)))))
            } else if isFolder(url) {
                if name == JobLogsFile.folderName || name == FindingsFile.folderName { continue }
                guard Scope.isAccountId(name) else {
                    diagnostics.append(
                        .init(
                            message:
                                "samples folder \(url.path) is not named like an account id (12 digits); its files were not read")
                    )
                    continue
                }
                try addSideFiles(in: url, account: name)
                for inner in try names(in: url) where inner.hasSuffix(".json") {
                    files.append(
                        File(
                            url: url.appendingPathComponent(inner),
                            scope: Scope(accountId: name, region: String(inner.dropLast(5)))))
                }
            }
        }
        let manifest = try SamplesManifest.read(in: directory)
        guard !files.isEmpty || !(manifest?.scopes.isEmpty ?? true) else {
            throw SourceError("no <region>.json files in samples directory \(directory.path)")
        }
        return SamplesLayout(
            files: files.sorted { $0.scope < $1.scope }, logFiles: logFiles, findingFiles: findingFiles, manifest: manifest, diagnostics: diagnostics)
    }

    /// A scope's log events by job id; `nil` when the scope was recorded without them.
    func logs(_ scope: Scope) throws -> [String: JobLogs]? {
        try logFiles[scope].map(JobLogsFile.read)
    }

    /// A scope's finding counts; `nil` when the scope has no findings file.
    func findings(_ scope: Scope) throws -> [FindingCount]? {
        try findingFiles[scope].map(FindingsFile.read)
    }

    /// A scope's log events file, indexed for reading a batch's jobs at a time.
    func logsIndex(_ scope: Scope) throws -> JobLogsFile.Index? {
        try logFiles[scope].map(JobLogsFile.Index.init)
    }

    /// The manifest's entry for a scope, if any.
    func recorded(_ scope: Scope) -> SamplesManifest.Entry? {
        manifest?.scopes.first { $0.scope == scope }
    }

    /// Scopes the manifest names that have no file (a scope that failed before any job was
    /// read may be recorded with its gap only).
    var scopesWithoutFiles: [SamplesManifest.Entry] {
        let withFiles = Set(files.map(\.scope))
        return (manifest?.scopes ?? []).filter { !withFiles.contains($0.scope) }
    }

    private static func names(in directory: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }.sorted()
        } catch {
            throw SourceError("cannot list samples directory \(directory.path): \(error.localizedDescription)")
        }
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
