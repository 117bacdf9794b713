import Foundation

/// Why a file or folder the user named could not be used, in one line that names the true
/// cause: missing, a FIFO or a device where a file belongs, a symbolic-link loop, too large,
/// not UTF-8 (with the line and column).
///
/// A struct around a private code, as `MailError` in MailDelivery: callers read
/// ``description`` (and ``errno`` when they need the system's code), and new causes never
/// break them.
public struct FileInputError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Code: Equatable, Sendable {
        case missing
        case wrongKind
        case tooLarge
        case invalidUTF8
        case system
    }

    private let code: Code
    /// The path as the user gave it.
    public let path: String
    /// The system's error number behind the failure (`ENOENT`, `ELOOP`, `EACCES`...), when
    /// the system refused; `nil` when the file was there but unfit (a FIFO, too large).
    public let errno: Int32?
    /// The one line shown to the user.
    public let description: String

    private init(_ code: Code, path: String, errno: Int32? = nil, _ description: String) {
        self.code = code
        self.path = path
        self.errno = errno
        self.description = description
    }

    /// The path does not exist (`ENOENT`).
    public var isMissing: Bool { code == .missing }

    static func missing(_ what: String, _ path: String) -> FileInputError {
        FileInputError(.missing, path: path, errno: ENOENT, "\(what) \(path) does not exist")
    }

    static func wrongKind(_ what: String, _ path: String, is kind: FileKind, expected: FileKind) -> FileInputError {
        FileInputError(.wrongKind, path: path, "\(what) \(path) is \(kind.noun), not \(expected.noun)")
    }

    static func tooLarge(_ what: String, _ path: String, limit: Int) -> FileInputError {
        FileInputError(
            .tooLarge, path: path,
            "\(what) \(path) is larger than \(byteText(limit)), more than any \(what) needs; check the path")
    }

    static func invalidUTF8(_ what: String, _ path: String, at place: TextPlace) -> FileInputError {
        FileInputError(.invalidUTF8, path: path, "\(what) \(path): invalid UTF-8 at \(place); save it as UTF-8")
    }

    static func system(_ what: String, _ path: String, errno number: Int32) -> FileInputError {
        if number == ENOENT { return .missing(what, path) }
        return FileInputError(.system, path: path, errno: number, "cannot read \(what) \(path): \(reason(errno: number))")
    }

    /// The system's reason for `errno` as a lower-case phrase ("too many levels of symbolic
    /// links", "permission denied"), for messages of the form "cannot ... PATH: reason".
    public static func reason(errno number: Int32) -> String {
        switch number {
        case ELOOP: return "too many levels of symbolic links"
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a component of the path is not a directory"
        case ENAMETOOLONG: return "the path is too long"
        default:
            let text = String(cString: strerror(number))
            return text.prefix(1).lowercased() + text.dropFirst()
        }
    }

    private static func byteText(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? "\(bytes >> 30) GiB" : bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
