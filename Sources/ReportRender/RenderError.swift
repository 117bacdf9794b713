import CXlsxWriter
import Foundation

/// A report could not be rendered: a template that does not parse, includes itself or nests
/// too deep; a write the system refused (disk full, a file-size limit); a libxlsxwriter error.
/// The message names the file or template and the cause, in one line.
///
/// The shape of `MailError`: a struct around a private code, so new cases never break
/// callers, with the cause kept (the system's `errno`, libxlsxwriter's status, or the error
/// underneath).
public struct RenderError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        /// The templates (`--templates DIR`, or a build defect in the built-in ones).
        case template
        /// Creating, writing or syncing a file.
        case file
        /// libxlsxwriter.
        case workbook
    }

    private let code: Code
    /// The one line shown to the user.
    public let description: String
    /// The error underneath, if any: a file's read error, libxlsxwriter's status
    /// (``LibXlsxWriterStatus``), the renderer's own error for ``writing(_:in:because:)``.
    public let cause: (any Error)?
    /// The system's error number when the system refused a write (`ENOSPC`, `EFBIG`...).
    public let errno: Int32?

    private init(_ code: Code, _ description: String, cause: (any Error)? = nil, errno: Int32? = nil) {
        self.code = code
        self.description = description.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        self.cause = cause
        self.errno = errno
    }

    /// The problem is in the templates: fixed by editing them, not by retrying.
    public var isTemplateError: Bool { code == .template }

    /// A template problem; `text` names the template and says what to change.
    static func template(_ text: String, cause: (any Error)? = nil) -> RenderError { RenderError(.template, text, cause: cause) }

    /// A system call on a report file failed with `errno` (read from the global now);
    /// `what` says which step, if it is not plain writing.
    static func file(_ what: String? = nil, errno given: Int32? = nil) -> RenderError {
        let number = given ?? Glibc.errno
        let reason = String(cString: strerror(number))
        return RenderError(.file, [what, reason].compactMap { $0 }.joined(separator: ": "), errno: number)
    }

    /// libxlsxwriter returned `status`; `context` says where in the workbook, `reason` (as
    /// ` (reason)`) what the system said, when libxlsxwriter printed it.
    static func workbook(_ context: String?, status: lxw_error, reason: String = "") -> RenderError {
        let text = String(cString: lxw_strerror(status))
        return RenderError(
            .workbook, [context, text].compactMap { $0 }.joined(separator: ": ") + reason,
            cause: LibXlsxWriterStatus(rawValue: status.rawValue, text: text))
    }

    /// libxlsxwriter returned no object (it reports no status for these).
    static func workbook(_ text: String) -> RenderError { RenderError(.workbook, text) }

    /// `fileName` could not be written into `folder` because of `error`: the line the run
    /// prints. Keeps `error` as the cause, and its code and `errno` when it is a RenderError.
    public static func writing(_ fileName: String, in folder: String, because error: any Error) -> RenderError {
        let inner = error as? RenderError
        return RenderError(
            inner?.code ?? .file, "cannot write \(fileName) in \(folder): \(error)", cause: error, errno: inner?.errno)
    }
}

/// A libxlsxwriter error code with its text, kept as a ``RenderError``'s cause.
public struct LibXlsxWriterStatus: Error, Sendable, CustomStringConvertible {
    /// The `lxw_error` value.
    public let rawValue: UInt32
    /// `lxw_strerror`'s text for it.
    public let text: String
    public var description: String { text }
}
