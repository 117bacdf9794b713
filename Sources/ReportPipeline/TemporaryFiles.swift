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
    nonisolated(unsafe) private static var current = Phase.writing

    static func enter(_ phase: Phase) { lock.withLock { current = phase } }

    /// Tracks a temporary file until `unregister`: removed if the run is interrupted.
    public static func register(_ url: URL) { lock.withLock { _ = paths.insert(url.path) } }
    public static func unregister(_ url: URL) { lock.withLock { _ = paths.remove(url.path) } }

    /// Runs the renames that put the new reports in place, holding off
    /// ``interrupt(status:lastWords:)`` until they are all done.
    static func replacing(_ renames: () throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        current = .replacing
        try renames()
        current = .replaced
    }

    /// Says how far the run got (the line `lastWords` makes of the phase, newline included),
    /// deletes every registered file and ends the process at once with `status`. Waits for
    /// renames in progress; never returns. The line closes ``StandardErrorWriter/shared``, so
    /// nothing any other thread writes afterwards (a timing line, a warning) can follow it.
    /// `_exit` follows the deletions immediately, so a renderer still running has no time to
    /// create a file after them (the next run removes any that slips through, under its lock).
    public static func interrupt(status: Int32, lastWords: (Phase) -> String) -> Never {
        lock.lock()
        StandardErrorWriter.shared.close(after: lastWords(current))
        for path in paths { unlink(path) }
        _exit(status)
    }
}
