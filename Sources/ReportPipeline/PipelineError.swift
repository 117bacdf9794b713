import FileInput
import Foundation

/// A fatal problem with the run's set-up or its last steps (the output directory, the locks,
/// moving the reports into place): one line saying what to fix. Nothing has been replaced
/// unless the message says so.
///
/// The shape of `MailError`: a struct around a private code, so new cases never break
/// callers, with the cause kept (the system's `errno`, or the error underneath).
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        case outputDirectory
        case lock
        case busy
        case replace
        case readBack
    }

    private let code: Code
    /// The one line shown to the user.
    public let description: String
    /// The error underneath, when another layer reported it (Foundation, a file read).
    public let cause: (any Error)?
    /// The system's error number, when a system call refused (`EACCES`, `ELOOP`, `ENOSPC`...).
    public let errno: Int32?

    private init(_ code: Code, _ description: String, cause: (any Error)? = nil, errno: Int32? = nil) {
        self.code = code
        self.description = description
        self.cause = cause
        self.errno = errno
    }

    /// Another run holds the output directory or the history: running again later may work.
    public var isBusy: Bool { code == .busy }

    static func notADirectory(_ path: String, is kind: FileKind? = nil) -> PipelineError {
        let what = kind.map { " (it is \($0.noun))" } ?? ""
        return PipelineError(.outputDirectory, "output path \(path) exists and is not a directory\(what)")
    }

    /// `step` ("cannot create output directory PATH") failed with `errno`.
    static func outputDirectory(_ step: String, errno number: Int32, cause: (any Error)? = nil) -> PipelineError {
        PipelineError(.outputDirectory, "\(step): \(FileInputError.reason(errno: number))", cause: cause, errno: number)
    }

    /// A file the run must own (the history) is something else: a FIFO would block it for ever.
    static func notAFile(_ error: FileInputError) -> PipelineError {
        PipelineError(.lock, "\(error.description); give --history a regular file", cause: error, errno: error.errno)
    }

    static func lock(_ step: String, errno number: Int32) -> PipelineError {
        PipelineError(.lock, "\(step): \(String(cString: strerror(number)))", errno: number)
    }

    static func busy(_ holder: String, waited timeout: TimeInterval) -> PipelineError {
        PipelineError(.busy, "\(holder); gave up after waiting \(Int(timeout)) s (--lock-timeout)")
    }

    static func replaceDirectory(_ path: String) -> PipelineError {
        PipelineError(.replace, "cannot replace \(path): it is a directory")
    }

    static func move(_ name: String, errno number: Int32) -> PipelineError {
        PipelineError(.replace, "cannot move \(name) into place: \(String(cString: strerror(number)))", errno: number)
    }

    static func readBack(_ path: String, _ error: FileInputError) -> PipelineError {
        PipelineError(.readBack, "cannot read back \(path) for the email: \(error)", cause: error, errno: error.errno)
    }

    static func reopen(_ path: String, _ reason: String) -> PipelineError {
        PipelineError(.readBack, "cannot open \(path) again for the S3 upload: \(reason)")
    }
}
