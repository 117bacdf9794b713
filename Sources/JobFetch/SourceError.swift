/// A fatal problem reading jobs: the run stops, no report is written, and the message says
/// what to fix (which file and where in it, which folder, which endpoint).
///
/// A struct around a private code, as every error of ours is, so new cases never break
/// callers; the underlying error is kept as ``cause``.
public struct SourceError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        /// Samples that cannot be read: a missing folder, malformed JSON, a bad manifest.
        case samples
        /// `--save-samples` could not write its recording.
        case recording
        /// The live API answered nowhere.
        case unreachable
    }

    private let code: Code
    /// One line for stderr.
    public let description: String
    /// What went wrong underneath, when something did.
    public let cause: (any Error)?

    private init(_ code: Code, _ description: String, cause: (any Error)?) {
        self.code = code
        self.description = description
        self.cause = cause
    }

    /// Samples that cannot be read.
    init(_ description: String, cause: (any Error)? = nil) { self.init(.samples, description, cause: cause) }

    /// The recording of a live run could not be written.
    static func recording(_ description: String, cause: (any Error)? = nil) -> SourceError {
        SourceError(.recording, description, cause: cause)
    }

    /// No endpoint answered in any region: nothing true could be reported.
    public static func unreachable(_ description: String, cause: (any Error)? = nil) -> SourceError {
        SourceError(.unreachable, description, cause: cause)
    }

    /// Whether the recording (`--save-samples`) failed, rather than reading jobs.
    public var isRecordingFailure: Bool { code == .recording }
}
