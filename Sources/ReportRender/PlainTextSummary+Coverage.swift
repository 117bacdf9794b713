import JobFetch
import JobTransform

extension PlainTextSummary {
    /// The coverage block of the text: how many account-regions were in each state, and the
    /// accounts not reached at all, each with its name where known. Only when the report shows
    /// coverage (see `ReportModel.showsCoverage`); the account-regions not read are already
    /// listed under INCOMPLETE with their reasons, and every account-region is in coverage.csv,
    /// so the block stays short even for a thousand accounts.
    static func coverageLines(_ report: ReportModel) -> [String] {
        guard report.showsCoverage else { return [] }
        let accounts = Set(report.coverage.map { $0.scope.accountId ?? "" }).count
        let counts = ScopeState.allCases.compactMap { state -> String? in
            let count = report.coverageCount(state)
            return count == 0 ? nil : "\(count) \(CoverageView.look(state).label)"
        }
        var lines = [
            "Coverage: \(HTMLReportView.plural(report.coverage.count, "account-region")) in "
                + "\(HTMLReportView.plural(accounts, "account")): \(counts.joined(separator: ", ")) (every one is in coverage.csv)"
        ]
        let notReached = report.accountsNotReached
        if !notReached.isEmpty {
            lines.append("  Accounts not reached (the role could not be assumed): \(notReached.count)")
            lines += limited(notReached, indent: "    ") { "    - " + clean(report.accountLabel($0) ?? $0, limit: 200) }
        }
        lines.append("")
        return lines
    }
}
