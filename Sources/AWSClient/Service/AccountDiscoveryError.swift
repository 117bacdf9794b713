/// Why the list of accounts to walk (Organizations ListAccounts, Macie ListMembers) could not
/// be read whole. Without the whole list the run cannot say which accounts it missed, so a
/// run that asked for it stops with this line, which says what to do instead.
///
/// A struct around a private code, as every error of ours is. Problems that are not the
/// list's (the run's credentials, a bad endpoint setting) are not this error: the list
/// readers let those through as the ``AWSError`` they are.
public struct AccountDiscoveryError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        /// The caller may not list the accounts (not the management account or a delegated
        /// administrator; not the Macie administrator; IAM or an SCP).
        case denied
        /// The service has no such list for the caller (not in an organization).
        case notAvailable
        /// The pages did not come to an end: a repeated token, or more pages than any real list has.
        case incomplete
        /// No answer after the retries, a server error, an answer that does not match the model.
        case failed
    }

    private let code: Code
    /// The one line shown to the user.
    public let description: String
    /// The service's answer (or the lack of one), when there was one.
    public let cause: AWSError?

    private init(_ code: Code, _ description: String, cause: AWSError?) {
        self.code = code
        // Our words around the cause's, which the client has already cleaned: not cleaned
        // again, since the masking of secret-looking words would take "token twice" for one.
        self.description = description
        self.cause = cause
    }

    /// The caller may not list the accounts: another identity (or `--accounts`) is needed.
    public var isDenied: Bool { code == .denied }
    /// The list broke off: what was read is not the whole list.
    public var isIncomplete: Bool { code == .incomplete }

    /// `operation` was refused; `remedy` says what to do ("run from the management account...").
    public static func denied(_ operation: String, _ cause: AWSError, remedy: String) -> AccountDiscoveryError {
        AccountDiscoveryError(.denied, "\(operation) was denied (\(cause)); \(remedy)", cause: cause)
    }

    /// `operation` has nothing to list for this caller; `remedy` says what to do instead.
    public static func notAvailable(_ operation: String, _ cause: AWSError, remedy: String) -> AccountDiscoveryError {
        AccountDiscoveryError(.notAvailable, "\(operation) cannot list accounts here (\(cause)); \(remedy)", cause: cause)
    }

    /// The pages of `operation` did not end; `reason` says how, after how many pages.
    public static func incomplete(_ operation: String, _ reason: String) -> AccountDiscoveryError {
        AccountDiscoveryError(
            .incomplete,
            "\(operation) \(reason), so the account list is incomplete; try again later, or name the accounts with --accounts",
            cause: nil)
    }

    /// `operation` failed otherwise, with a hint for an endpoint that did not answer.
    public static func failed(_ operation: String, _ cause: AWSError, endpointVariable: String) -> AccountDiscoveryError {
        let hint = cause.isUnreachable ? "; check the network, --endpoint-url and \(endpointVariable)" : ""
        return AccountDiscoveryError(.failed, "\(operation) failed: \(cause)\(hint)", cause: cause)
    }
}
