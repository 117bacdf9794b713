import ChildProcess
import Foundation
import StandardErrorOutput

/// The temporary files being written right now, and how far the run has got, so that
/// SIGTERM or SIGINT can remove the files and say truthfully what the interrupted run left:
/// the earlier reports untouched, or the new ones, recorded in the history or not.
public enum TemporaryFiles {
    /// How far a run has got, for the message an interrupted run prints.
    public enum Phase: Sendable {
        /// Fetching and writing temporary files: the previous reports are untouched.
        case writing
        /// Renaming the new reports into place failed part-way (a disk error, not a signal:
        /// an interruption waits for the renames).
        case replacing
        /// The new reports are in place; with a history, the run is not recorded yet.
        case replaced
        /// The new reports are in place and the run is in the history.
        case recorded
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []
    nonisolated(unsafe) private static var directories: Set<String> = []
    nonisolated(unsafe) private static var current = Phase.writing

    static func enter(_ phase: Phase) { lock.withLock { current = phase } }

    /// Tracks a temporary file until `unregister`: removed if the run is interrupted.
    public static func register(_ url: URL) { lock.withLock { _ = paths.insert(url.path) } }
    public static func unregister(_ url: URL) { lock.withLock { _ = paths.remove(url.path) } }

    /// Creates a temporary folder, tracked until ``removeDirectory(_:)``, for files that other
    /// code (a C library) creates by itself: an interruption removes the folder with whatever
    /// is in it. Created under the lock, so an interrupted run cannot create one after the
    /// interruption has looked. Returns 0, or the `errno` of a folder that could not be made.
    static func makeDirectory(_ url: URL) -> Int32 {
        lock.withLock {
            guard mkdir(url.path, 0o700) == 0 else { return errno }
            directories.insert(url.path)
            return 0
        }
    }

    /// Removes a folder made by ``makeDirectory(_:)``, with its contents, and stops tracking it.
    static func removeDirectory(_ url: URL) {
        lock.withLock {
            directories.remove(url.path)
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// Runs the renames that put the new reports in place, holding off
    /// ``interrupt(status:lastWords:)`` until they are all done.
    static func replacing(_ renames: () throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        current = .replacing
        try renames()
        current = .replaced
    }

    /// Ends the process with `status`, unless an interrupt is already under way: the interrupt
    /// holds the lock until its own `_exit`, so its status (128 + the signal) wins even when
    /// the run, seeing a child the interrupt just killed fail, reaches its end at that moment.
    public static func exit(_ status: Int32) -> Never {
        lock.lock()
        Foundation.exit(status)
    }

    /// Says how far the run got (the line `lastWords` makes of the phase, newline included),
    /// deletes every registered file, kills the children still running
    /// (`ChildProcessGroups`) and ends the process at once with `status`. Waits for renames
    /// in progress; never returns. The line closes `StandardErrorWriter.shared`, so nothing any
    /// other thread writes afterwards (a timing line, a warning) can follow it.
    ///
    /// A renderer may still be running and creating files. A folder is therefore renamed
    /// before it is emptied: from then on no file can be created under its old path, so none
    /// can appear after the deletions, whatever the threads do in between.
    public static func interrupt(status: Int32, lastWords: (Phase) -> String) -> Never {
        lock.lock()
        StandardErrorWriter.shared.close(after: lastWords(current))
        for path in paths { unlink(path) }
        ChildProcessGroups.killAll()
        for path in directories {
            let away = path + "-stopped"
            try? FileManager.default.removeItem(atPath: rename(path, away) == 0 ? away : path)
        }
        _exit(status)
    }
}
