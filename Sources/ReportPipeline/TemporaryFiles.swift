import Foundation

/// The temporary report files being written right now, so that SIGTERM or SIGINT can remove
/// them before the process exits: an interrupted run leaves the earlier reports, and nothing
/// else, behind.
public enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []

    nonisolated(unsafe) private static var replaced = false

    /// Marks the moment the new reports are in place (only the history is left to record).
    static func reportsReplaced() { lock.withLock { replaced = true } }

    /// Whether this run's reports have replaced the previous ones.
    public static var haveReplacedReports: Bool { lock.withLock { replaced } }

    static func register(_ url: URL) { lock.withLock { _ = paths.insert(url.path) } }
    static func unregister(_ url: URL) { lock.withLock { _ = paths.remove(url.path) } }

    /// Deletes every registered file; called from a signal handler's queue.
    public static func removeAll() {
        let pending = lock.withLock { paths }
        for path in pending { unlink(path) }
    }
}
