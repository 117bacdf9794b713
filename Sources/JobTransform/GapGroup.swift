import JobFetch

/// Gaps of one account with the same reason, regions together: an account whose role was
/// refused is one line naming its 17 regions, not 17 lines, in every output that lists gaps.
public struct GapGroup: Sendable, Hashable {
    /// The regions, in the order of the report's gaps.
    public var regions: [String]
    /// The account, when known.
    public var accountId: String?
    public var reason: String

    /// `eu-west-1`, or `eu-west-1, us-east-1` for several.
    public var regionsText: String { regions.joined(separator: ", ") }

    /// The gaps grouped by account and reason, in the order each group first appears.
    public static func groups(_ gaps: [ScopeGap]) -> [GapGroup] {
        var order: [GapGroup] = []
        var index: [String: Int] = [:]
        for gap in gaps {
            let key = "\(gap.scope.accountId ?? "")\n\(gap.reason)"
            if let at = index[key] {
                order[at].regions.append(gap.region)
            } else {
                index[key] = order.count
                order.append(GapGroup(regions: [gap.region], accountId: gap.scope.accountId, reason: gap.reason))
            }
        }
        return order
    }
}

extension ReportModel {
    /// ``gaps`` grouped for listing (see ``GapGroup``).
    public var gapGroups: [GapGroup] { GapGroup.groups(gaps) }
}
