import Foundation

/// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`): an EKS
/// service account's token traded for role credentials with AssumeRoleWithWebIdentity. The
/// file is read again on every refresh, since the cluster rotates it.
public struct WebIdentityCredentials: CredentialProvider {
    /// How the chain's messages name this source.
    public let name = "web identity token"
    let environment: [String: String]
    let sts: @Sendable () -> STS

    /// `sts` is called only when the source applies, so no STS client is made for a run that does not use it.
    public init(environment: [String: String], sts: @escaping @Sendable () -> STS) {
        self.environment = environment
        self.sts = sts
    }

    /// `nil` without `AWS_WEB_IDENTITY_TOKEN_FILE`. Throws when `AWS_ROLE_ARN` is missing, the token file
    /// cannot be read, or STS refuses the token.
    public func resolve() async throws -> ExpiringCredentials? {
        guard let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], !file.isEmpty else { return nil }
        guard let role = environment["AWS_ROLE_ARN"], !role.isEmpty else {
            throw AWSError.credentials("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
        }
        let session = environment["AWS_ROLE_SESSION_NAME"] ?? "macie-report-\(Int(Date().timeIntervalSince1970))"
        let token = try Self.readToken(file)
        return try await STSRefusal.explained("AssumeRoleWithWebIdentity on \(role)") {
            try await sts().assumeRoleWithWebIdentity(roleArn: role, sessionName: session, token: token)
        }
    }

    static func readToken(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AWSError.credentials("cannot read the web identity token file \(path)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
