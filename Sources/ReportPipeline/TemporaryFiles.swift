import Foundation

/// The temporary files being written right now, and how far the run has got, so that
/// SIGTERM or SIGINT can remove the files and say truthfully what the interrupted run left:
/// the earlier reports untouched, or the new ones, recorded in the history or not.
public enum TemporaryFiles {
    /// How far a run has got, for the message an interrupted run prints.
    public enum Phase: Sendable {
        /// Fetching and writing temporary files: the previous reports are untouched.
        case writing
        /// Renaming the new reports into place, one by one.
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

    /// How far this run has got.
    public static var phase: Phase { lock.withLock { current } }

    /// Tracks a temporary file until `unregister`: removed if the run is interrupted.
    public static func register(_ url: URL) { lock.withLock { _ = paths.insert(url.path) } }
    public static func unregister(_ url: URL) { lock.withLock { _ = paths.remove(url.path) } }

    /// Deletes every registered file; called from a signal handler's queue.
    public static func removeAll() {
        let pending = lock.withLock { paths }
        for path in pending { unlink(path) }
    }
}
