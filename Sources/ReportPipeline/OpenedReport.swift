import Foundation

/// A written report, opened while the output directory was still locked and read later in
/// pieces: what is uploaded is exactly this run's file (a later run replaces it by renaming
/// a new file into place, which leaves this open one as it was), without holding it in memory.
public final class OpenedReport: @unchecked Sendable {
    /// Where the report was written.
    public let url: URL
    /// Its size when opened; reports are never written to again once in place.
    public let size: Int
    private let descriptor: Int32

    /// Opens `url` for reading; the error names the file.
    public init(_ url: URL) throws {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OpenedReportError("cannot open \(url.path): \(String(cString: strerror(errno)))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw OpenedReportError("cannot read the size of \(url.path): \(String(cString: strerror(errno)))")
        }
        self.url = url
        self.size = Int(status.st_size)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The bytes in `range` (within ``size``), read with `pread`, so several parts may be read at once.
    public func read(_ range: Range<Int>) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < range.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else {
                throw OpenedReportError(
                    got == 0
                        ? "\(url.path) ended at byte \(range.lowerBound + done), before its size \(size)"
                        : "cannot read \(url.path): \(String(cString: strerror(errno)))")
            }
            done += got
        }
        return bytes
    }
}

/// A report that could not be read back: one line naming the file.
public struct OpenedReportError: Error, CustomStringConvertible, Sendable {
    /// The one line shown to the user.
    public let description: String
    init(_ description: String) { self.description = description }
}
