import Foundation

/// The history file cannot be used: one line naming the file and what to do about it.
///
/// A struct around a private code, so new cases never break callers; the underlying SQLite
/// or decoding error is kept as ``cause``.
public struct HistoryError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        /// Not a history: another application's database, or not a database at all.
        case notAHistory
        /// Written by a newer macie-report.
        case newer
        /// A history whose contents do not parse.
        case damaged
        /// The file cannot be opened, read or written (permissions, a full disk).
        case access
    }

    private let code: Code
    /// The one line shown to the user.
    public let description: String
    /// What went wrong underneath.
    public let cause: (any Error)?
    /// Set while the file is not yet known (deep in parsing); ``naming(_:)`` adds it.
    private let detail: String?

    private init(_ code: Code, _ description: String, detail: String? = nil, cause: (any Error)? = nil) {
        self.code = code
        self.description = description
        self.detail = detail
        self.cause = cause
    }

    static func notAHistory(_ url: URL, _ why: String) -> HistoryError {
        HistoryError(.notAHistory, "\(url.path) \(why); give --history a new file")
    }

    static func newer(_ url: URL) -> HistoryError {
        HistoryError(
            .newer, "\(url.path) was written by a newer macie-report (its schema is ahead of this one); upgrade macie-report")
    }

    /// Contents that do not parse; the file is named when the error reaches the store.
    static func damaged(_ detail: String) -> HistoryError {
        HistoryError(.damaged, "the history is damaged: \(detail)", detail: detail)
    }

    static func damaged(_ url: URL, _ detail: String, cause: (any Error)? = nil) -> HistoryError {
        HistoryError(
            .damaged, "\(url.path) is damaged: \(detail); restore it from a backup or give --history a new file", cause: cause)
    }

    static func access(_ description: String, cause: (any Error)? = nil) -> HistoryError {
        HistoryError(.access, description, cause: cause)
    }

    /// The same error, naming the file if it did not yet.
    func naming(_ url: URL) -> HistoryError {
        guard code == .damaged, let detail else { return self }
        return .damaged(url, detail, cause: cause)
    }
}
