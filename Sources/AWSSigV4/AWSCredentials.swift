/// An access key pair, with a session token for temporary credentials.
///
/// `description` never shows the secret or the token, so a credential that ends up in a log
/// line or an error message leaks nothing but the access key id.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The public half of the pair (`AKIA…` long-term, `ASIA…` temporary): safe to log, and the only part
    /// ``description`` shows.
    public var accessKeyId: String
    /// The secret half: it keys the signature and never travels itself. Never log it.
    public var secretAccessKey: String
    /// The token that comes with temporary keys (STS, container or instance roles), sent as
    /// `X-Amz-Security-Token`; `nil` for long-term keys. Temporary keys without it are refused by AWS.
    public var sessionToken: String?

    /// Takes the values as given; nothing is checked here, so a wrong key shows up as a refused signature.
    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The access key id only; the secret and the token (when there is one) show as `<redacted>`.
    public var description: String {
        "AWSCredentials(accessKeyId: \(accessKeyId), secretAccessKey: <redacted>\(sessionToken == nil ? "" : ", sessionToken: <redacted>"))"
    }

    /// The same redacted text as ``description``, so `debugPrint` and `String(reflecting:)` leak nothing either.
    public var debugDescription: String { description }
}
