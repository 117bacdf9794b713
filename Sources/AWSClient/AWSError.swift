/// Why an AWS call, or getting ready for one, failed: one line that says what to do about it.
///
/// A struct around a private code, so new cases never break callers; ask it what it means
/// (``isUsageError``, ``isCredentialProblem``, ``failureKind``...) rather than matching on
/// text. Text that came from a server is cleaned (``ServerText``) before it is kept here, so
/// a message never carries control characters, megabytes of body, or something that looks
/// like a credential.
public struct AWSError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable, Equatable {
        /// An option or variable has a value that cannot work (a region, a URL, a retry mode).
        case usage
        /// Something the run needs is missing or unreadable (no region, an unreadable config file).
        case configuration
        /// No credentials, or the credential source failed.
        case credentials
        /// The service answered with an error.
        case service
        /// No answer: refused, reset, timed out, TLS.
        case noAnswer
        /// An answer that is not what the operation returns (a redirect, a body that does not decode).
        case malformedAnswer
    }

    private let code: Code
    /// The service's error code (`AccessDeniedException`, `Throttling`...), when it sent one.
    public let errorCode: String?
    /// The HTTP status; 0 when there was no answer.
    public let status: Int
    /// The service's message or our explanation, cleaned, one line.
    public let message: String
    /// What went wrong underneath, kept for logs and tests.
    public let cause: (any Error)?

    private init(
        _ code: Code, errorCode: String? = nil, status: Int = 0, message: String, cause: (any Error)? = nil
    ) {
        self.code = code
        self.errorCode = errorCode
        self.status = status
        self.message = ServerText.oneLine(message)
        self.cause = cause
    }

    /// A service error's code and HTTP status before its message; any other error is its message alone.
    public var description: String {
        switch (code, errorCode, status) {
        case (.service, let code?, _): return "\(code) (HTTP \(status)): \(message)"
        case (.service, nil, _): return "HTTP \(status): \(message)"
        default: return message
        }
    }

    // MARK: What it means

    /// A value given by the user cannot work: fixable before anything is fetched (exit 2).
    public var isUsageError: Bool { code == .usage }
    /// No answer at all: refused, reset, timed out.
    public var isUnreachable: Bool { code == .noAnswer }
    /// The credentials themselves are wrong or expired: every region would fail the same way.
    public var isCredentialProblem: Bool {
        code == .credentials || errorCode.map(AWSErrorCodes.credentialProblems.contains) ?? false
    }
    /// The thing asked for does not exist (any more).
    public var isNotFound: Bool { code == .service && (errorCode.map(AWSErrorCodes.notFound.contains) ?? (status == 404)) }
    /// The caller may not do this (IAM, an SCP, the service not enabled for the account).
    public var isAccessDenied: Bool {
        code == .service && (errorCode.map(AWSErrorCodes.accessDenied.contains) ?? (status == 403))
    }
    /// The answer was not what the operation returns.
    public var isMalformedAnswer: Bool { code == .malformedAnswer }

    /// How the retry policy should treat this failure.
    public var failureKind: FailureKind {
        switch code {
        case .noAnswer:
            switch (cause as? TransportError)?.kind {
            case .timeout?: return .timeout
            case .tls?, .tooLarge?: return .permanent
            default: return .transient
            }
        case .service: return AWSErrorCodes.classify(errorCode, status: status)
        default: return .permanent
        }
    }

    // MARK: Making one

    static func usage(_ message: String) -> AWSError { AWSError(.usage, message: message) }
    static func configuration(_ message: String, cause: (any Error)? = nil) -> AWSError {
        AWSError(.configuration, message: message, cause: cause)
    }
    /// No credentials, or a credential source that applies but failed.
    public static func credentials(_ message: String, cause: (any Error)? = nil) -> AWSError {
        AWSError(.credentials, message: message, cause: cause)
    }
    static func service(_ errorCode: String?, status: Int, message: String) -> AWSError {
        AWSError(.service, errorCode: errorCode, status: status, message: message)
    }
    static func noAnswer(_ message: String, cause: TransportError) -> AWSError {
        AWSError(.noAnswer, message: message, cause: cause)
    }
    /// An answer the operation does not give: say what was expected.
    public static func malformedAnswer(_ message: String, status: Int = 200, cause: (any Error)? = nil) -> AWSError {
        AWSError(.malformedAnswer, status: status, message: message, cause: cause)
    }
}

/// The error codes AWS services share, by what they mean to a client.
enum AWSErrorCodes {
    static let throttling: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    ]
    static let transient: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalServerException", "ServiceUnavailable",
        "InternalFailure", "ServiceUnavailableException",
    ]
    static let credentialProblems: Set<String> = [
        "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
        "MissingAuthenticationTokenException", "InvalidClientTokenId", "IncompleteSignatureException",
        "SignatureDoesNotMatch", "ExpiredToken", "MissingAuthenticationToken", "IncompleteSignature",
    ]
    static let notFound: Set<String> = ["ResourceNotFoundException", "NoSuchEntity", "NotFoundException", "NoSuchKey"]
    static let accessDenied: Set<String> = ["AccessDeniedException", "AccessDenied", "AuthorizationError"]

    /// The SDKs' retry classification: throttling, transient (5xx), or not worth retrying.
    static func classify(_ code: String?, status: Int) -> FailureKind {
        if let code, throttling.contains(code) { return .throttling }
        if status == 429 { return .throttling }
        if let code, transient.contains(code) { return .transient }
        if [500, 502, 503, 504].contains(status) { return .transient }
        return .permanent
    }
}
