import Foundation
import JobLogModel
import Macie2Model

/// `--save-samples DIR`: a source that also writes what it reads, in the samples format, so
/// the night can be replayed offline (`--samples DIR`) to byte-identical reports.
///
/// Jobs are written as they pass, each as the exact bytes the API answered with (or, for a
/// job seen only in the list, its list entry as a DescribeClassificationJob body), into a
/// staging folder beside DIR; when the walk ends, `scopes.json` records the gaps and caveats
/// and the staging folder replaces DIR. A walk that fails leaves DIR as it was.
public struct RecordingJobSource: JobSource {
    let source: any JobSource
    let directory: URL

    /// Records what `source` yields into `directory`. Call ``prepare(_:)`` first, so an unsuitable folder is
    /// refused before the walk; nothing is written until ``batches()`` is iterated.
    public init(_ source: any JobSource, into directory: URL) {
        self.source = source
        self.directory = directory
    }

    /// Checks, before anything is fetched, that DIR may be (re)written: it does not exist, is
    /// empty, or holds an earlier recording (a `scopes.json`). Anything else is refused rather
    /// than overwritten.
    public static func prepare(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            let parent = directory.deletingLastPathComponent()
            guard FileManager.default.isWritableFile(atPath: parent.path) else {
                throw SourceError.recording(
                    "cannot create --save-samples folder \(directory.path): \(parent.path) is not writable")
            }
            return
        }
        guard isDirectory.boolValue else {
            throw SourceError.recording("--save-samples \(directory.path) exists and is not a folder")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        guard names.isEmpty || names.contains(SamplesManifest.fileName) else {
            throw SourceError.recording(
                "--save-samples \(directory.path) holds files that are not an earlier recording; give a new or empty folder")
        }
    }

    /// `source`'s batches, unchanged, each written before it is passed on. The recording replaces DIR when
    /// the stream ends; when the walk fails, the staging folder is removed and DIR left as it was. A write
    /// failure ends the stream with a ``SourceError``.
    public func batches() -> AsyncThrowingStream<ScopeBatch, Error> {
        let source = source
        let directory = directory
        return AsyncThrowingStream { continuation in
            let task = Task {
                let writer: SamplesWriter
                do {
                    writer = try SamplesWriter(directory: directory)
                } catch {
                    continuation.finish(throwing: error)
                    return
                }
                do {
                    for try await batch in source.batches() {
                        try await writer.add(batch)
                        continuation.yield(batch)
                    }
                    try await writer.finish()
                    continuation.finish()
                } catch {
                    await writer.abandon()
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// The staging folder being written, a file per scope.
actor SamplesWriter {
    private let directory: URL
    private let staging: URL
    private var files: [Scope: (handle: FileHandle, count: Int)] = [:]
    private var entries: [Scope: SamplesManifest.Entry] = [:]
    /// Each scope's log entries, written when the walk ends (only jobs with looked-up events).
    private var logs: [Scope: [JobLogsFile]] = [:]
    /// Each scope's finding groups, written when the walk ends (only scopes whose counts were read).
    private var findings: [Scope: [FindingCount]] = [:]
    private let encoder = Macie2JSON.encoder()

    init(directory: URL) throws {
        self.directory = directory
        let name = ".\(directory.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        staging = directory.deletingLastPathComponent().appendingPathComponent(name)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw SourceError.recording("cannot record samples beside \(directory.path): \(error.localizedDescription)")
        }
    }

    func add(_ batch: ScopeBatch) throws {
        let scope = batch.scope
        var file = try files[scope] ?? open(scope)
        var entry = entries[scope] ?? SamplesManifest.Entry(scope: scope, gap: nil, caveats: [:])
        if let gap = batch.gap { entry.gap = .init(reason: gap.reason, listIsComplete: gap.listIsComplete) }
        if let gap = batch.logsGap { entry.logsGap = .init(reason: gap.reason, listIsComplete: true) }
        if let gap = batch.findingsGap { entry.findingsGap = .init(reason: gap.reason, listIsComplete: true) }
        if let state = batch.state, state != .ok { entry.state = state.rawValue }
        if let name = batch.accountName { entry.accountName = name }
        if let groups = batch.findingGroups { findings[scope, default: []] += groups }
        for job in batch.jobs {
            if let found = job.logs, let id = job.job.jobId { logs[scope, default: []].append(JobLogsFile(jobId: id, logs: found)) }
        }
        var chunk = Data()
        for job in batch.jobs {
            chunk.append(contentsOf: Array((file.count == 0 ? "\n" : ",\n").utf8))
            if let body = job.body {
                chunk.append(contentsOf: body)
            } else {
                do {
                    chunk.append(try encoder.encode(job.job))
                } catch {
                    throw SourceError.recording("cannot record job \(job.job.jobId ?? "without id") in \(scope): \(error)")
                }
            }
            if !job.caveats.isEmpty { entry.caveats[file.count] = job.caveats }
            file.count += 1
        }
        try write(chunk, to: file.handle)
        files[scope] = file
        entries[scope] = entry
    }

    /// Closes every file, writes `scopes.json`, and puts the recording in place of DIR.
    func finish() throws {
        for (scope, file) in files {
            try write(Data((file.count == 0 ? "]\n" : "\n]\n").utf8), to: file.handle)
            try close(file.handle, scope)
        }
        files = [:]
        try writeLogs()
        try writeFindings()
        let manifest = SamplesManifest(scopes: entries.values.sorted { $0.scope < $1.scope })
        let json = JSONEncoder()
        json.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try json.encode(manifest).write(to: staging.appendingPathComponent(SamplesManifest.fileName))
        } catch {
            throw SourceError.recording(
                "cannot write \(SamplesManifest.fileName) of the recording: \(error.localizedDescription)")
        }
        try replaceDirectory()
    }

    /// One `logs/<region>.json` per scope whose jobs' log events were looked up.
    private func writeLogs() throws {
        for (scope, entries) in logs {
            let folder = scopeFolder(scope).appendingPathComponent(JobLogsFile.folderName)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try JobLogsFile.encode(entries).write(to: folder.appendingPathComponent("\(scope.region).json"))
            } catch {
                throw SourceError.recording("cannot record the log events of \(scope): \(error.localizedDescription)")
            }
        }
    }

    /// One `findings/<region>.json` per scope whose finding counts were read, in the order
    /// the walk gave (by job, severity, then not archived before archived).
    private func writeFindings() throws {
        let json = JSONEncoder()
        json.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for (scope, groups) in findings {
            let folder = scopeFolder(scope).appendingPathComponent(FindingsFile.folderName)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                var text = Data("[".utf8)
                for (n, group) in groups.enumerated() {
                    text.append(contentsOf: Array((n == 0 ? "\n" : ",\n").utf8))
                    text.append(try json.encode(group))
                }
                text.append(contentsOf: Array((groups.isEmpty ? "]\n" : "\n]\n").utf8))
                try text.write(to: folder.appendingPathComponent("\(scope.region).json"))
            } catch {
                throw SourceError.recording("cannot record the finding counts of \(scope): \(error.localizedDescription)")
            }
        }
    }

    /// The scope's folder in the recording: the account's, or the top for an unknown account.
    private func scopeFolder(_ scope: Scope) -> URL {
        scope.accountId.map { staging.appendingPathComponent($0) } ?? staging
    }

    /// Removes the staging folder of a walk that failed.
    func abandon() {
        for file in files.values { try? file.handle.close() }
        files = [:]
        try? FileManager.default.removeItem(at: staging)
    }

    private func open(_ scope: Scope) throws -> (handle: FileHandle, count: Int) {
        var folder = staging
        if let account = scope.accountId {
            folder = staging.appendingPathComponent(account)
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let url = folder.appendingPathComponent("\(scope.region).json")
        guard FileManager.default.createFile(atPath: url.path, contents: Data("[".utf8)),
            let handle = FileHandle(forWritingAtPath: url.path)
        else { throw SourceError.recording("cannot create \(url.path) for the recording: \(String(cString: strerror(errno)))") }
        _ = try? handle.seekToEnd()
        return (handle, 0)
    }

    private func write(_ data: Data, to handle: FileHandle) throws {
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw SourceError.recording("cannot record samples into \(staging.path): \(error.localizedDescription)")
        }
    }

    private func close(_ handle: FileHandle, _ scope: Scope) throws {
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw SourceError.recording("cannot finish the recording of \(scope): \(error.localizedDescription)")
        }
    }

    /// DIR (absent, empty, or an earlier recording) is moved aside, the recording renamed into
    /// its place, and the old one removed.
    private func replaceDirectory() throws {
        let manager = FileManager.default
        var aside: URL?
        if manager.fileExists(atPath: directory.path) {
            let old = staging.deletingLastPathComponent().appendingPathComponent(
                ".\(directory.lastPathComponent).old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            guard rename(directory.path, old.path) == 0 else {
                throw SourceError.recording("cannot replace \(directory.path): \(String(cString: strerror(errno)))")
            }
            aside = old
        }
        guard rename(staging.path, directory.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let aside { _ = rename(aside.path, directory.path) }
            throw SourceError.recording("cannot put the recording in place at \(directory.path): \(reason)")
        }
        if let aside { try? manager.removeItem(at: aside) }
    }
}
