import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way text reaches stderr in macie-report: messages, warnings, log records, timing
/// lines, the progress line, and (once ``LibraryOutput/routeThroughSharedWriter()`` ran) what
/// C libraries print.
///
/// Why one writer: a run stopped by SIGTERM or SIGINT must say what it leaves, and that line
/// must be the last thing on stderr. With every write going through one lock, the interrupt
/// path can ``close(after:)`` the writer: its line is written under the lock, and any write
/// after it, from any thread (a render still running, a late log record), is dropped instead
/// of following the stop message. Holding the lock for the whole `write(2)` also keeps lines
/// from different threads whole.
///
/// What can go wrong: a write that fails (stderr closed, a pipe nobody reads any more) is
/// dropped, never retried or reported, since there is nowhere left to report it; a reader
/// that never reads can block writers, as with any pipe.
public final class StandardErrorWriter: Sendable {
    /// File descriptor 2, shared by the whole process.
    public static let shared = StandardErrorWriter(fileDescriptor: 2)

    private let fileDescriptor: Int32
    /// True once closed: nothing more is written.
    private let closed = Mutex(false)

    /// A writer on `fileDescriptor` (tests use a file of their own); it never closes it.
    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// Writes `text` in one piece, unless the writer is closed. Returns whether it was written.
    @discardableResult
    public func write(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes these bytes in one piece, unless the writer is closed. Returns whether they were
    /// written.
    @discardableResult
    public func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        closed.withLock { isClosed in
            guard !isClosed else { return false }
            return Self.writeAll(fileDescriptor, bytes)
        }
    }

    /// Writes `lastWords`, then lets nothing else through: every later `write` returns
    /// false without writing. Waits for a write in progress to finish, so the last words are
    /// whole and last. Closing twice writes nothing the second time.
    public func close(after lastWords: String) {
        var text = lastWords
        closed.withLock { isClosed in
            guard !isClosed else { return }
            isClosed = true
            _ = text.withUTF8 { Self.writeAll(fileDescriptor, UnsafeRawBufferPointer($0)) }
        }
    }

    /// Whether ``close(after:)`` has been called.
    public var isClosed: Bool { closed.withLock { $0 } }

    /// A `TextOutputStream` onto this writer, for APIs that print to a stream (swift-log's
    /// `StreamLogHandler` writes each record in one call).
    public var stream: Stream { Stream(writer: self) }

    /// See ``stream``.
    public struct Stream: TextOutputStream, Sendable {
        let writer: StandardErrorWriter
        public mutating func write(_ string: String) { writer.write(string) }
    }

    /// `write(2)` until every byte is out, through partial writes and EINTR.
    private static func writeAll(_ fileDescriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard var next = bytes.baseAddress else { return true }
        var left = bytes.count
        while left > 0 {
            let written = systemWrite(fileDescriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            next += written
            left -= written
        }
        return true
    }
}

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Musl)
    private let systemWrite = Musl.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif
