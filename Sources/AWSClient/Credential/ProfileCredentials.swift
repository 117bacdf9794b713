import AWSSigV4
import Foundation

/// A named profile of the shared files: static keys, `credential_process`, or `role_arn`
/// with `source_profile` (STS AssumeRole, chained as deep as the profiles go), or
/// `role_arn` with `web_identity_token_file`.
public struct ProfileCredentials: CredentialProvider {
    /// `profile NAME`, for the chain's messages.
    public var name: String { "profile \(profile)" }
    let profile: String
    let files: SharedConfigFiles
    /// Whether the user named the profile (`--profile`, `AWS_PROFILE`): then a missing
    /// profile is an error rather than "not applicable".
    let explicit: Bool
    let sts: @Sendable (String?) -> STS
    let runProcess: @Sendable (String) async throws -> ExpiringCredentials

    /// - Parameter sts: STS in a profile's region (or the default region).
    public init(
        profile: String, files: SharedConfigFiles, explicit: Bool, sts: @escaping @Sendable (String?) -> STS,
        runProcess: @escaping @Sendable (String) async throws -> ExpiringCredentials = { try await ProcessCredentials.run($0) }
    ) {
        self.profile = profile
        self.files = files
        self.explicit = explicit
        self.sts = sts
        self.runProcess = runProcess
    }

    /// `nil` when the profile is absent and was not named by the user. Throws for a named profile that is
    /// missing, a `source_profile` chain that loops or reaches a missing or keyless profile, a failing
    /// `credential_process`, or an STS refusal.
    public func resolve() async throws -> ExpiringCredentials? {
        guard files.profiles[profile] != nil else {
            if explicit { throw AWSError.credentials("profile \(profile) is not in the AWS config or credentials file") }
            return nil
        }
        return try await credentials(for: profile, visited: [])
    }

    private func credentials(for name: String, visited: [String]) async throws -> ExpiringCredentials {
        guard !visited.contains(name) else {
            throw AWSError.credentials(
                "profile \(name) is part of a source_profile loop: \((visited + [name]).joined(separator: " → "))")
        }
        guard let settings = files.profiles[name] else {
            throw AWSError.credentials("profile \(visited.last ?? name) names source_profile \(name), which does not exist")
        }
        if let roleArn = settings["role_arn"] {
            let session = settings["role_session_name"] ?? "macie-report-\(Int(Date().timeIntervalSince1970))"
            if let tokenFile = settings["web_identity_token_file"] {
                let token = try WebIdentityCredentials.readToken(tokenFile)
                return try await STSRefusal.explained("AssumeRoleWithWebIdentity on \(roleArn)") {
                    try await sts(settings["region"]).assumeRoleWithWebIdentity(
                        roleArn: roleArn, sessionName: session, token: token)
                }
            }
            guard let source = settings["source_profile"] else {
                throw AWSError.credentials(
                    "profile \(name) has role_arn but no source_profile (credential_source is not supported)")
            }
            // A profile that is its own source uses its static keys as the source.
            let sourceCredentials =
                source == name
                ? try staticKeys(name, settings).credentials
                : try await credentials(for: source, visited: visited + [name]).credentials
            return try await STSRefusal.explained("AssumeRole on \(roleArn)") {
                try await sts(settings["region"]).assumeRole(
                    roleArn: roleArn, sessionName: session, externalId: settings["external_id"],
                    durationSeconds: settings["duration_seconds"].flatMap { Int($0) }, signing: .keys(sourceCredentials))
            }
        }
        if let command = settings["credential_process"] {
            return try await runProcess(command)
        }
        return try staticKeys(name, settings)
    }

    private func staticKeys(_ name: String, _ settings: [String: String]) throws -> ExpiringCredentials {
        guard let key = settings["aws_access_key_id"], let secret = settings["aws_secret_access_key"] else {
            throw AWSError.credentials(
                "profile \(name) has no aws_access_key_id/aws_secret_access_key, credential_process or role_arn")
        }
        return ExpiringCredentials(.init(accessKeyId: key, secretAccessKey: secret, sessionToken: settings["aws_session_token"]))
    }
}
