import JobFetch
import JobTransform
import Testing

/// Gaps listed once per account and reason, regions together, in first-seen order.
@Suite struct GapGroupTests {
    @Test func anAccountsRefusedRoleIsOneGroupOfItsRegions() {
        let refused = "account 333333333333: AssumeRole was denied"
        let gaps = [
            ScopeGap(scope: Scope(accountId: "333333333333", region: "eu-west-1"), reason: refused),
            ScopeGap(scope: Scope(accountId: "111111111111", region: "eu-west-1"), reason: "access denied"),
            ScopeGap(scope: Scope(accountId: "333333333333", region: "us-east-1"), reason: refused),
            ScopeGap(scope: Scope(accountId: "444444444444", region: "us-east-1"), reason: refused),
        ]
        let groups = GapGroup.groups(gaps)
        #expect(groups.map(\.regionsText) == ["eu-west-1, us-east-1", "eu-west-1", "us-east-1"])
        #expect(groups.map(\.accountId) == ["333333333333", "111111111111", "444444444444"], "same reason, other account: apart")
        #expect(groups[0].reason == refused)
    }
}
