import FileInput

/// Why `--accounts` cannot be used, in one line: the bad id, or the file and line and what is
/// wrong there, or the true reason the file cannot be read. Always found before anything is
/// fetched, so always a usage error (exit 2).
///
/// A struct around a private code, as every error of ours is; the file error is kept as ``cause``.
public struct AccountListError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Code: Sendable, Equatable {
        /// A bad id, a bad line, an empty list.
        case usage
        /// The file cannot be read (missing, a FIFO, too large, not UTF-8).
        case unreadable
    }

    private let code: Code
    /// The one line shown to the user.
    public let description: String
    /// Why the file could not be read, when that is the problem.
    public let cause: FileInputError?

    private init(_ code: Code, _ description: String, cause: FileInputError? = nil) {
        self.code = code
        self.description = description
        self.cause = cause
    }

    /// Every `--accounts` problem is the user's to fix before the run: exit 2.
    public var isUsageError: Bool { true }

    static func usage(_ text: String) -> AccountListError { AccountListError(.usage, text) }

    static func unreadable(_ error: FileInputError) -> AccountListError {
        AccountListError(.unreadable, "--accounts: \(error.description)", cause: error)
    }

    /// A value from the user, quoted and cut short, with control characters shown as `?`, so
    /// the message stays one readable line.
    static func quoted(_ text: some StringProtocol) -> String {
        let shown = String(text.unicodeScalars.prefix(60).map { $0.properties.generalCategory == .control ? "?" : Character($0) })
        return "\"\(shown)\(text.unicodeScalars.count > 60 ? "…" : "")\""
    }
}
