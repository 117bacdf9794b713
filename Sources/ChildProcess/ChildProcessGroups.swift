import Foundation

/// The process groups of the children a run has started and not yet seen end (sendmail and
/// whatever it started), so that a run stopped by SIGTERM or SIGINT takes them with it.
///
/// Children run in groups of their own, so a signal sent to the run does not reach them;
/// `TemporaryFiles.interrupt` (ReportPipeline) kills every group listed here before it exits.
/// A child is listed from just after it starts: one stopped in the instant between is the
/// only one that can be missed.
public enum ChildProcessGroups {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var groups: Set<pid_t> = []

    /// Lists `group` while `running`, unlists it after: the shape of a transport's `tracking`.
    public static func track(_ group: pid_t, running: Bool) {
        lock.withLock {
            if running {
                groups.insert(group)
            } else {
                groups.remove(group)
            }
        }
    }

    /// SIGKILL to every listed group. Only for a run about to exit: the groups stay listed.
    public static func killAll() {
        lock.withLock {
            for group in groups { kill(-group, SIGKILL) }
        }
    }
}
