import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered, checked file writer: every `write(2)` error (disk full, quota) surfaces as a
/// ``RenderError`` with the system's reason (the caller adds which report it was), and the data is flushed to disk before the caller renames
/// the file into place.
final class FileSink {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20

    init(creating url: URL) throws {
        fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RenderError.file("cannot create a file") }
        buffer.reserveCapacity(capacity)
    }

    deinit { close(fd) }

    /// Writes a string; a large one goes straight from its own storage, without a copy.
    func write(_ text: String) throws {
        var text = text
        guard text.utf8.count >= capacity else {
            text.withUTF8 { buffer.append(contentsOf: $0) }
            if buffer.count >= capacity { try flush() }
            return
        }
        try flush()
        try text.withUTF8 { try writeAll($0) }
    }

    func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// Writes what is buffered and syncs it to disk.
    func finish() throws {
        try flush()
        guard fsync(fd) == 0 else { throw failure("sync to disk failed") }
    }

    private func flush() throws {
        try buffer.withUnsafeBufferPointer { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(nil)
            }
            offset += written
        }
    }

    /// The system's reason (errno), for the caller to put after the report's own file name.
    private func failure(_ what: String?) -> RenderError { RenderError.file(what) }
}

// `write(2)`, named apart from the methods called write.
#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Musl)
    private let systemWrite = Musl.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif
