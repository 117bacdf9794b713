import AWSSigV4
import Foundation

/// Temporary or long-term keys, with when they stop working.
public struct ExpiringCredentials: Sendable {
    /// The keys to sign with.
    public var credentials: AWSCredentials
    /// `nil` for keys that do not expire.
    public var expiration: Date?

    /// `expiration` `nil` by default: keys that never need refreshing.
    public init(_ credentials: AWSCredentials, expiration: Date? = nil) {
        self.credentials = credentials
        self.expiration = expiration
    }
}

/// One place credentials can come from.
///
/// `resolve` returns `nil` when the source does not apply here (no such variable, no such
/// file), so the chain moves on; it throws when the source applies but fails (a profile that
/// names a missing source profile, an STS refusal), because silently falling through to
/// another identity would be worse.
public protocol CredentialProvider: Sendable {
    /// A short name for messages: "environment", "profile prod", "EC2 instance metadata".
    var name: String { get }
    /// This source's credentials: `nil` when it does not apply, an error when it applies but fails.
    func resolve() async throws -> ExpiringCredentials?
}

/// Keys handed over in code rather than found by the chain: what an embedding program (or a
/// test) that already holds keys gives the client.
public struct GivenCredentials: CredentialProvider {
    /// "given keys", or the name the holder chose.
    public let name: String
    /// The keys, with their expiry if they have one.
    public let credentials: ExpiringCredentials

    /// `credentials`, named `name` in messages.
    public init(_ credentials: AWSCredentials, expiration: Date? = nil, name: String = "given keys") {
        self.name = name
        self.credentials = ExpiringCredentials(credentials, expiration: expiration)
    }

    /// Always the keys given.
    public func resolve() async throws -> ExpiringCredentials? { credentials }
}
