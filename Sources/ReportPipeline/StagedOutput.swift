import FileInput
import Foundation
import ReportRender

/// Writes report files so that a failed run never damages the previous night's reports.
///
/// Each file is written into a hidden folder in the output directory (same file system, so
/// the final `rename(2)` is atomic), which is also where libxlsxwriter keeps its own temporary
/// files; only when every file is complete are they renamed into place. On any failure, or a
/// stop, the folder is removed with everything in it and the old reports are left byte for
/// byte as they were.
struct StagedOutput {
    let directory: URL
    private let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    init(directory: URL) { self.directory = directory }

    /// Creates the directory if needed and proves it is writable, before any work is done.
    /// Each failure names its true cause (a FIFO in the way, a symbolic-link loop, no
    /// permission), from the system's own error number.
    static func prepare(_ directory: URL) throws -> StagedOutput {
        let path = directory.path
        do {
            let kind = try FileKind.of(path, what: "output directory")
            guard kind == .directory else { throw PipelineError.notADirectory(path, is: kind == .regular ? nil : kind) }
        } catch let error as FileInputError where error.isMissing {
            if let number = makeDirectories(path) {
                throw PipelineError.outputDirectory("cannot create output directory \(path)", errno: number)
            }
        } catch let error as FileInputError {
            throw PipelineError.outputDirectory("cannot use output directory \(path)", errno: error.errno ?? EIO, cause: error)
        }
        let staged = StagedOutput(directory: directory)
        let probe = directory.appendingPathComponent(".write-check.tmp-\(staged.token)")
        let fd = open(probe.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PipelineError.outputDirectory("cannot write to output directory \(path)", errno: errno) }
        close(fd)
        unlink(probe.path)
        return staged
    }

    /// `mkdir -p`: every missing folder of `path`; the `errno` of the step that failed, if one did.
    private static func makeDirectories(_ path: String) -> Int32? {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o777) != 0 && errno != EEXIST { return errno }
        }
        var info = stat()
        guard stat(path, &info) == 0 else { return errno }
        return info.st_mode & S_IFMT == S_IFDIR ? nil : ENOTDIR
    }

    /// Deletes temporary files that a run killed outright (SIGKILL, power loss) left behind.
    /// Called under the output directory's lock, when no other run can be writing there, so
    /// every such file is a leftover. Returns how many were removed.
    @discardableResult
    func removeLeftovers() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var removed = 0
        for name in names where name.hasPrefix(".") && name.contains(".tmp-") {
            // Files of earlier versions, and folders (with their contents) of this one.
            if (try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))) != nil { removed += 1 }
        }
        return removed
    }

    /// The hidden folder this run's files are written in before they are moved into place.
    var stagingDirectory: URL { directory.appendingPathComponent(".macie-report.tmp-\(token)") }

    func temporaryURL(for fileName: String) -> URL {
        stagingDirectory.appendingPathComponent(fileName)
    }

    /// Renders every file to its temporary name, on all cores at once (each renderer is
    /// independent and the report is read-only), then renames them all into place.
    func write(_ renderers: [any ReportRenderer], render: @Sendable (any ReportRenderer, URL) throws -> Void) throws -> [URL] {
        let folder = directory
        let files = renderers.map {
            (temporary: temporaryURL(for: $0.fileName), final: folder.appendingPathComponent($0.fileName))
        }
        let failures = FailureSlots(count: renderers.count)
        let failed = TemporaryFiles.makeDirectory(stagingDirectory)
        guard failed == 0 else {
            throw PipelineError.outputDirectory("cannot write to output directory \(folder.path)", errno: failed)
        }
        defer { TemporaryFiles.removeDirectory(stagingDirectory) }
        DispatchQueue.concurrentPerform(iterations: renderers.count) { i in
            do {
                try render(renderers[i], files[i].temporary)
            } catch {
                failures.record(i, RenderError.writing(renderers[i].fileName, in: folder.path, because: error))
            }
        }
        // On any failure, the deferred removal of the folder takes the written files with it.
        if let failure = failures.first { throw failure }
        // rename(2) cannot replace a directory; find that before the first file is replaced.
        for file in files {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.final.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw PipelineError.replaceDirectory(file.final.path)
            }
        }
        // All renames happen while an interruption waits, so a stopped run leaves either
        // every old report or every new one, never a mix.
        try TemporaryFiles.replacing {
            for file in files {
                guard rename(file.temporary.path, file.final.path) == 0 else {
                    throw PipelineError.move(file.final.lastPathComponent, errno: errno)
                }
            }
        }
        return files.map(\.final)
    }

    /// The first (in renderer order) of the errors the parallel renderers hit.
    private final class FailureSlots: @unchecked Sendable {
        private var errors: [Error?]
        private let lock = NSLock()
        init(count: Int) { errors = Array(repeating: nil, count: count) }
        func record(_ index: Int, _ error: Error) { lock.withLock { errors[index] = error } }
        var first: Error? { lock.withLock { errors.lazy.compactMap { $0 }.first } }
    }
}
