/// Why the run could not get into one account: STS refused or failed AssumeRole for the
/// role there. It concerns that account only, so a walk turns it into a `role-denied` (or
/// `failed`) state for the account and goes on with the others.
///
/// A struct around a private code, as every error of ours is. Problems that are not the
/// account's (the run's own credentials are invalid or expired, a bad endpoint) are not
/// this error: ``AssumedRoleCredentials`` lets them through as the ``AWSError`` they are,
/// since every account would fail the same way.
public struct RoleAssumptionError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        /// `AccessDenied`: no such role, a trust policy that does not name the caller, or an
        /// external id that does not match (STS does not say which, on purpose).
        case denied
        /// Anything else: no answer after the retries, STS not activated in the region, a
        /// duration longer than the role allows, a malformed answer.
        case failed
    }

    private let code: Code
    /// The 12-digit account the role is in.
    public let account: String
    /// The role that was asked for.
    public let roleArn: String
    /// STS's answer (or the lack of one), as the client read it.
    public let cause: AWSError
    private let externalIdGiven: Bool

    init(account: String, roleArn: String, externalIdGiven: Bool, cause: AWSError) {
        self.code = cause.isAccessDenied ? .denied : .failed
        self.account = account
        self.roleArn = roleArn
        self.externalIdGiven = externalIdGiven
        self.cause = cause
    }

    /// STS said AccessDenied: the account's `role-denied` state. Anything else is a failure
    /// to reach the account, which may pass on the next run.
    public var isDenied: Bool { code == .denied }

    /// One line naming the account and the role, STS's words, and what to check.
    public var description: String {
        switch code {
        case .denied:
            let externalId =
                externalIdGiven
                ? "and that --external-id is the value its trust policy expects in sts:ExternalId"
                : "and whether its trust policy requires an external id (then give --external-id)"
            return
                "account \(account): AssumeRole on \(roleArn) was denied (\(cause)); check that the role exists in that account, that its trust policy allows this run's identity to call sts:AssumeRole, \(externalId)"
        case .failed:
            let hint =
                cause.isUnreachable
                ? "; check the network and the STS endpoint (AWS_ENDPOINT_URL_STS)"
                : cause.errorCode == "RegionDisabledException"
                    ? "; activate STS in that region for the account, or list another region first"
                    : ""
            return "account \(account): AssumeRole on \(roleArn) failed: \(cause)\(hint)"
        }
    }
}
