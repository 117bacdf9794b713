import Foundation

/// One run at a time per output directory: an exclusive `flock` on the directory itself
/// (no lock file is left behind), held until the run ends; the kernel drops it if the
/// process dies, so it never goes stale. A second run waits up to a timeout, then gives up
/// with a clear message.
final class OutputLock {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    static func acquire(_ directory: URL, timeout: TimeInterval) throws -> OutputLock {
        let path = directory.path
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw PipelineError("cannot open lock file \(path): \(String(cString: strerror(errno)))") }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                close(fd)
                throw PipelineError("cannot lock \(path): \(String(cString: strerror(errno)))")
            }
            guard Date() < deadline else {
                close(fd)
                throw PipelineError(
                    "another macie-report run is writing to \(directory.path); gave up after waiting \(Int(timeout)) s (--lock-timeout)"
                )
            }
            usleep(200_000)
        }
        return OutputLock(descriptor: fd)
    }

    deinit { close(descriptor) }
}
