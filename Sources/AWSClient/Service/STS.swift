import AWSSigV4
import Foundation

/// The STS operations the run needs, as a thin table over ``AWSClient`` (query protocol,
/// XML answers): who the caller is, and temporary credentials for a role.
public struct STS: Sendable {
    /// The client that sends the calls, and signs them unless a call asks otherwise.
    public let client: AWSClient
    /// STS is regional; any region answers for any account.
    public let region: String

    /// STS in `region`; the client's settings decide the host (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`,
    /// else the regional one).
    public init(client: AWSClient, region: String) {
        self.client = client
        self.region = region
    }

    /// Who the credentials belong to. Needs no IAM permission: every identity may ask.
    public struct CallerIdentity: Sendable, Hashable {
        /// The 12-digit account that owns the calling identity; anything else is a malformed answer.
        public var account: String
        /// The calling identity's ARN (a user, or an assumed role's session); empty if the answer lacked it.
        public var arn: String
        /// The identity's unique id (`aws:userid`, such as `AROA…:session`); empty if the answer lacked it.
        public var userId: String
    }

    /// GetCallerIdentity.
    public func callerIdentity(limits: AWSClient.CallLimits = .init()) async throws -> CallerIdentity {
        let xml = try await call("GetCallerIdentity", [], signing: .client, limits: limits)
        guard let account = XMLText.first("Account", in: xml), Self.isAccountId(account) else {
            throw AWSError.malformedAnswer("STS GetCallerIdentity answered without a 12-digit Account")
        }
        return CallerIdentity(
            account: account, arn: XMLText.first("Arn", in: xml) ?? "", userId: XMLText.first("UserId", in: xml) ?? "")
    }

    /// AssumeRole, signed with `source` (a profile's keys) or the client's credentials.
    public func assumeRole(
        roleArn: String, sessionName: String, externalId: String? = nil, durationSeconds: Int? = nil,
        signing: AWSClient.Signing = .client
    ) async throws -> ExpiringCredentials {
        var parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName)]
        if let externalId { parameters.append(("ExternalId", externalId)) }
        if let durationSeconds { parameters.append(("DurationSeconds", String(durationSeconds))) }
        return try Self.credentials(
            try await call("AssumeRole", parameters, signing: signing), what: "AssumeRole on \(roleArn)")
    }

    /// AssumeRoleWithWebIdentity: unsigned, the token is the proof.
    public func assumeRoleWithWebIdentity(roleArn: String, sessionName: String, token: String) async throws
        -> ExpiringCredentials
    {
        let parameters = [("RoleArn", roleArn), ("RoleSessionName", sessionName), ("WebIdentityToken", token)]
        return try Self.credentials(
            try await call("AssumeRoleWithWebIdentity", parameters, signing: .anonymous),
            what: "AssumeRoleWithWebIdentity on \(roleArn)")
    }

    private func call(
        _ operation: String, _ parameters: [(String, String)], signing: AWSClient.Signing,
        limits: AWSClient.CallLimits = .init()
    ) async throws -> String {
        guard case .query(let version) = AWSService.sts.wireProtocol else { preconditionFailure("STS speaks query") }
        let request = AWSRequest.query(operation, apiVersion: version, parameters: parameters)
        let response = try await client.send(request, to: .sts, region: region, signing: signing, limits: limits)
        return String(decoding: response.body, as: UTF8.self)
    }

    static func credentials(_ xml: String, what: String) throws -> ExpiringCredentials {
        guard let key = XMLText.first("AccessKeyId", in: xml), let secret = XMLText.first("SecretAccessKey", in: xml) else {
            throw AWSError.malformedAnswer("STS \(what) answered without credentials")
        }
        return ExpiringCredentials(
            AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: XMLText.first("SessionToken", in: xml)),
            expiration: XMLText.first("Expiration", in: xml).flatMap(AWSTimestamp.parse))
    }

    /// Twelve digits, as every AWS account id is.
    public static func isAccountId(_ text: String) -> Bool { text.utf8.count == 12 && text.allSatisfy(\.isASCIINumber) }
}

extension Character {
    fileprivate var isASCIINumber: Bool { isASCII && isNumber }
}

/// An STS failure while getting credentials, said as a credential problem (exit 1, "check the
/// role and its trust policy") rather than as an API error of the walk.
enum STSRefusal {
    static func explained<T>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as AWSError where !error.isUsageError {
            throw AWSError.credentials(
                error.isUnreachable ? "STS \(what) failed: \(error.message)" : "STS \(what) was refused: \(error)", cause: error)
        }
    }
}
