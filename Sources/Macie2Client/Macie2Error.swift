/// An error answer from Macie2 (or from the attempt to reach it), classified for retries
/// and for the report.
public struct Macie2Error: Error, CustomStringConvertible, Sendable {
    /// The restJson1 error shape, e.g. `AccessDeniedException`; `nil` when there was no answer.
    public var code: String?
    /// HTTP status; 0 when there was no answer.
    public var status: Int
    public var message: String

    public var description: String {
        switch (code, status) {
        case (let code?, _): return "\(code) (HTTP \(status)): \(message)"
        case (nil, 0): return message
        default: return "HTTP \(status): \(message)"
        }
    }

    /// The credentials themselves are wrong or expired: every region would fail the same way.
    public var isCredentialProblem: Bool {
        guard let code else { return false }
        return [
            "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException",
            "MissingAuthenticationTokenException", "InvalidClientTokenId", "IncompleteSignatureException",
            "SignatureDoesNotMatch", "ExpiredToken",
        ].contains(code)
    }

    /// No answer at all: refused, reset, timed out.
    public var isUnreachable: Bool { status == 0 }

    /// The job (or resource) does not exist (any more).
    public var isNotFound: Bool { code == "ResourceNotFoundException" || status == 404 }
}
