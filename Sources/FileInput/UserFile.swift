import Foundation

/// Reads a file the user named (a samples file, `--config`, a template, an attachment)
/// whole, with a size limit, and says truthfully why it cannot.
///
/// Foundation's readers call a FIFO "permission denied", a symbolic-link loop
/// "NSCocoaErrorDomain error 256", and read `/dev/zero` until memory runs out; a FIFO with
/// no writer blocks the run for ever. Here the path is `stat`ed first and only a regular
/// file is opened, and reading stops one byte past `limit`.
public enum UserFile {
    /// The file's bytes. `what` names the file in messages ("samples file", "config file").
    ///
    /// Throws ``FileInputError``: missing, not a regular file (a FIFO, a device, a folder),
    /// larger than `limit` bytes, or the system's reason (a link loop, no permission).
    public static func read(_ path: String, what: String, limit: Int) throws(FileInputError) -> Data {
        let kind = try FileKind.of(path, what: what)
        guard kind == .regular else { throw .wrongKind(what, path, is: kind, expected: .regular) }
        // O_NONBLOCK: if a FIFO is swapped in after the check, opening it does not wait for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { throw .system(what, path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system(what, path, errno: errno) }
        let opened = FileKind(mode: info.st_mode)
        guard opened == .regular else { throw .wrongKind(what, path, is: opened, expected: .regular) }
        guard Int(info.st_size) <= limit else { throw .tooLarge(what, path, limit: limit) }
        return try readAll(fd, expected: Int(info.st_size), limit: limit, what: what, path: path)
    }

    /// The file as UTF-8 text (a byte-order mark at the start is dropped). Invalid UTF-8 is
    /// an error that says at which line and column.
    public static func readText(_ path: String, what: String, limit: Int) throws(FileInputError) -> String {
        var data = try read(path, what: what, limit: limit)
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        if let place = TextPlace.firstInvalidUTF8(in: data) { throw .invalidUTF8(what, path, at: place) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Checks that `path` is a regular file without reading it, for files another library
    /// opens later (a CA bundle): the same truthful message, before any work is done.
    public static func checkRegular(_ path: String, what: String) throws(FileInputError) {
        let kind = try FileKind.of(path, what: what)
        guard kind == .regular else { throw .wrongKind(what, path, is: kind, expected: .regular) }
    }

    /// Checks that `path` is a directory; ``FileInputError`` says what it is instead.
    public static func checkDirectory(_ path: String, what: String) throws(FileInputError) {
        let kind = try FileKind.of(path, what: what)
        guard kind == .directory else { throw .wrongKind(what, path, is: kind, expected: .directory) }
    }

    /// Reads to the end, growing past `expected` if the file grew, failing past `limit`.
    private static func readAll(
        _ fd: Int32, expected: Int, limit: Int, what: String, path: String
    ) throws(FileInputError) -> Data {
        let limit = min(limit, Int.max - 1)
        // One byte more than expected, so a file that grew is noticed without a second read call.
        var data = Data(count: min(expected, limit) + 1)
        var total = 0
        while true {
            if total == data.count {
                guard total <= limit else { throw .tooLarge(what, path, limit: limit) }
                data.count = min(max(data.count * 2, 4096), limit + 1)
            }
            let count = data.withUnsafeMutableBytes { buffer in
                Foundation.read(fd, buffer.baseAddress! + total, buffer.count - total)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(what, path, errno: errno)
            }
            if count == 0 { break }
            total += count
        }
        guard total <= limit else { throw .tooLarge(what, path, limit: limit) }
        data.count = total
        return data
    }
}
