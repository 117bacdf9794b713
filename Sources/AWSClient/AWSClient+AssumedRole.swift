import Foundation

extension AWSClient {
    /// The same client (connection pool, endpoints, retry state) signing as `role` in
    /// `account`: AssumeRole with this client's credentials on the first call, again five
    /// minutes before those credentials expire, one AssumeRole shared by concurrent calls.
    ///
    /// Call it on the run's own client, not on one that already signs as a role: STS would
    /// then chain roles, which limits sessions to an hour and needs the first role trusted
    /// by the second. Make one per account and share it across the account's regions, so
    /// the account costs one AssumeRole per session, not one per region.
    ///
    /// A call on the returned client throws ``RoleAssumptionError`` (from signing, before
    /// anything is sent) while the role cannot be assumed; ``checkCredentials()`` assumes
    /// it up front, so a walk can mark the account `role-denied` once instead of per region.
    ///
    /// - Parameters:
    ///   - stsRegion: where AssumeRole is sent; its partition names the role's ARN.
    ///   - now: the clock the refresh is measured by (tests move it instead of waiting).
    public func assumingRole(
        _ role: CrossAccountRole, in account: String, stsRegion: String, now: @escaping @Sendable () -> Date = Date.init
    ) -> AWSClient {
        let provider = AssumedRoleCredentials(role: role, account: account, sts: STS(client: self, region: stsRegion), now: now)
        return signing(with: RefreshingCredentials(provider, now: now))
    }
}
