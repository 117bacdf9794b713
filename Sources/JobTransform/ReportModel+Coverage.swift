import JobFetch

extension ReportModel {
    /// Whether the walk spanned more than one account, or any account-region was not `ok`:
    /// only then does a report need its coverage matrix (one account, every region read,
    /// says nothing the headline does not).
    public var showsCoverage: Bool { spansAccounts || coverage.contains { $0.state != .ok } }

    /// Account-regions in a state, for the headline and the mail subject.
    public func coverageCount(_ state: ScopeState) -> Int { coverage.reduce(0) { $0 + ($1.state == state ? 1 : 0) } }

    /// Accounts none of whose regions could be read because the role was refused.
    public var accountsNotReached: [String] {
        let refused = Set(coverage.filter { $0.state == .roleDenied }.compactMap(\.scope.accountId))
        return refused.sorted()
    }

    /// `111122223333 (Prod)` where the name is known, else the id alone.
    public func accountLabel(_ id: String?) -> String? {
        guard let id else { return nil }
        return accountNames[id].map { "\(id) (\($0))" } ?? id
    }
}
