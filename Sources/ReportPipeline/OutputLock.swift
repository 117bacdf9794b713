import FileInput
import Foundation

/// One run at a time per output directory and per history file: an exclusive `flock`, held
/// until the run ends. The kernel drops it if the process dies, so it never goes stale. A
/// second run waits up to a timeout, then gives up with a clear message.
///
/// The output directory is locked through the directory itself (no lock file left behind).
/// The history file is locked through itself too: `flock` and SQLite's `fcntl` locks do not
/// interact on Linux, but closing any descriptor of the file drops the process's `fcntl`
/// locks, so the history must be closed before this lock is released.
final class OutputLock {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    static func acquire(_ directory: URL, timeout: TimeInterval) throws -> OutputLock {
        try acquire(
            path: directory.path, flags: O_RDONLY | O_DIRECTORY, timeout: timeout,
            busy: "another macie-report run is writing to \(directory.path)")
    }

    /// Locks the history file, creating it (empty) if it does not exist yet.
    /// Anything but a regular file (a FIFO, a device, a folder) is refused before it is
    /// opened: SQLite would wait for ever on a FIFO's first read.
    static func acquire(history file: URL, timeout: TimeInterval) throws -> OutputLock {
        do {
            try UserFile.checkRegular(file.path, what: "history file")
        } catch let error where !error.isMissing {
            throw PipelineError.notAFile(error)
        } catch {}
        return try acquire(
            path: file.path, flags: O_RDWR | O_CREAT, timeout: timeout,
            busy: "another macie-report run is using the history \(file.path)")
    }

    private static func acquire(path: String, flags: Int32, timeout: TimeInterval, busy: String) throws -> OutputLock {
        let fd = open(path, flags | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PipelineError.lock("cannot open \(path) to lock it", errno: errno) }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let number = errno
                close(fd)
                throw PipelineError.lock("cannot lock \(path)", errno: number)
            }
            guard Date() < deadline else {
                close(fd)
                throw PipelineError.busy(busy, waited: timeout)
            }
            usleep(200_000)
        }
        return OutputLock(descriptor: fd)
    }

    deinit { close(descriptor) }
}
