import Foundation

/// Temporary credentials for ``CrossAccountRole`` in one other account, from STS AssumeRole
/// signed with the run's own credentials (its chain, through the ``STS`` client given).
///
/// Put it under ``RefreshingCredentials`` (``AWSClient/assumingRole(_:in:stsRegion:now:)`` does),
/// which asks again before the credentials expire, so a walk longer than the session
/// (an hour by default) never signs with keys about to stop working, and concurrent calls of
/// the account share one AssumeRole. Each AssumeRole goes through the run's one client: its
/// endpoint rule (`--endpoint-url`, `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, then the
/// regional host), request deadline, retries and retry quota.
public struct AssumedRoleCredentials: CredentialProvider {
    /// The role's ARN, for the "looked in" messages.
    public var name: String { "role \(roleArn)" }
    /// The 12-digit account the role is in.
    public let account: String
    /// `arn:{partition}:iam::{account}:role/{name}`, the partition being the STS region's.
    public let roleArn: String
    /// The role's name, external id, session name and duration.
    public let role: CrossAccountRole
    let sts: STS
    let now: @Sendable () -> Date

    /// Asks nothing yet: the first ``resolve()`` does.
    ///
    /// - Parameters:
    ///   - sts: STS on the run's client, signing with the run's credentials, in a region of
    ///     the partition to walk (its partition names the role's).
    ///   - now: when an answer is read, for an answer without `Expiration` (taken to last
    ///     the session's duration rather than for ever).
    public init(role: CrossAccountRole, account: String, sts: STS, now: @escaping @Sendable () -> Date = Date.init) {
        self.role = role
        self.account = account
        self.roleArn = role.arn(account: account, region: sts.region)
        self.sts = sts
        self.now = now
    }

    /// New credentials for the role; never `nil`, since this source always applies.
    ///
    /// Throws ``RoleAssumptionError`` when STS refuses or fails for this account (the
    /// account's gap); throws the ``AWSError`` itself when the run's own credentials are the
    /// problem (``AWSError/isCredentialProblem``) or a setting cannot work
    /// (``AWSError/isUsageError``), as those stop every account alike.
    public func resolve() async throws -> ExpiringCredentials? {
        let asked = now()
        do {
            var found = try await sts.assumeRole(
                roleArn: roleArn, sessionName: role.sessionName, externalId: role.externalId,
                durationSeconds: role.durationSeconds)
            if found.expiration == nil { found.expiration = asked.addingTimeInterval(TimeInterval(role.durationSeconds)) }
            return found
        } catch let error as AWSError where error.isCredentialProblem || error.isUsageError {
            throw error
        } catch let error as AWSError {
            throw RoleAssumptionError(account: account, roleArn: roleArn, externalIdGiven: role.externalId != nil, cause: error)
        }
    }
}
