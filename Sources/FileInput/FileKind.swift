import Foundation

/// What a path names, from `stat(2)` (symbolic links followed): what a message needs to say
/// when a FIFO, a device or a folder is given where a file belongs.
public enum FileKind: Sendable, Equatable {
    case regular
    case directory
    case fifo
    case device
    case socket
    case other

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .fifo
        case S_IFCHR, S_IFBLK: self = .device
        case S_IFSOCK: self = .socket
        default: self = .other
        }
    }

    /// "a FIFO", "a device"...: for "PATH is a FIFO, not a regular file".
    public var noun: String {
        switch self {
        case .regular: return "a regular file"
        case .directory: return "a directory"
        case .fifo: return "a FIFO"
        case .device: return "a device"
        case .socket: return "a socket"
        case .other: return "not a file or directory"
        }
    }

    /// What `path` is, without opening it (opening a FIFO waits for a writer; opening a
    /// device can have effects of its own). Throws the true cause when there is nothing to
    /// look at: missing, a symbolic-link loop, no permission to search a folder on the way.
    public static func of(_ path: String, what: String) throws(FileInputError) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .system(what, path, errno: errno) }
        return FileKind(mode: info.st_mode)
    }
}
