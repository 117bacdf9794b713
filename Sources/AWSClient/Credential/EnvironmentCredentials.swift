/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optionally `AWS_SESSION_TOKEN`.
public struct EnvironmentCredentials: CredentialProvider {
    /// How the chain's messages name this source.
    public let name = "environment variables"
    let environment: [String: String]

    /// `environment` is the run's variables, passed in so tests need not set real ones.
    public init(environment: [String: String]) { self.environment = environment }

    /// `nil` when `AWS_ACCESS_KEY_ID` is unset or empty; throws when it is set without a secret. The keys
    /// carry no expiry, so they are never refreshed.
    public func resolve() async throws -> ExpiringCredentials? {
        guard let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty else { return nil }
        guard let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
            throw AWSError.credentials("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or neither")
        }
        let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return ExpiringCredentials(.init(accessKeyId: key, secretAccessKey: secret, sessionToken: token))
    }
}
