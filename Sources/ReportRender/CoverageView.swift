import Foundation
import JobFetch
import JobTransform

/// The coverage matrix of report.html: one row per account, one column per region, each
/// cell the `ScopeState` of that account-region; and the two headline tiles that count
/// what the matrix shows (account-regions with Macie off, accounts not reached).
///
/// Shown only when `ReportModel.showsCoverage` (several accounts, or a region not read):
/// for one account with every region read it would repeat the headline. Each cell carries
/// its state as words as well as a colour and a symbol, so colour is never the only signal;
/// Macie off is grey, a fact about the estate, and denied, failed and role denied are red,
/// gaps in the report. The colours are inline styles (mail clients drop `<style>` blocks),
/// chosen here from a fixed list, never from data.
enum CoverageView {
    /// How a state looks in a cell: its words, a symbol (hidden from screen readers, which
    /// read the words), and the cell's style.
    struct Look {
        var label: String
        var symbol: String
        var style: String
        var isProblem: Bool
    }

    static let problemStyle = "color:#8f1d1d;background:#fbe3e1;font-weight:bold;"

    static func look(_ state: ScopeState?) -> Look {
        switch state {
        case .ok: return Look(label: "ok", symbol: "\u{2713}", style: "color:#1e6b32;background:#e6f4ea;", isProblem: false)
        case .macieOff:
            return Look(label: "Macie off", symbol: "\u{25CB}", style: "color:#4a5058;background:#f1f3f5;", isProblem: false)
        case .denied: return Look(label: "denied", symbol: "\u{2717}", style: problemStyle, isProblem: true)
        case .failed: return Look(label: "failed", symbol: "\u{2717}", style: problemStyle, isProblem: true)
        case .roleDenied: return Look(label: "role denied", symbol: "\u{2717}", style: problemStyle, isProblem: true)
        // An account-region the walk did not visit (another account's regions, say).
        case nil: return Look(label: "not walked", symbol: "\u{00B7}", style: "color:#767676;", isProblem: false)
        }
    }

    static func make(_ report: ReportModel) -> [String: Any] {
        guard report.showsCoverage else { return ["show": false] }
        let regions = Array(Set(report.coverage.map(\.scope.region))).sorted()
        // coverage is sorted by account then region: consecutive rows share an account.
        var accounts: [(id: String?, cells: [String: ScopeCoverage])] = []
        for entry in report.coverage {
            if let last = accounts.last, last.id == entry.scope.accountId {
                accounts[accounts.count - 1].cells[entry.scope.region] = entry
            } else {
                accounts.append((entry.scope.accountId, [entry.scope.region: entry]))
            }
        }
        let rows = accounts.map { account -> [String: Any] in
            let name = account.id.flatMap { report.accountNames[$0] }
            return [
                "accountId": account.id ?? "account not known", "hasAccountName": name != nil, "accountName": name ?? "",
                "cells": regions.map { cell(account.cells[$0], region: $0) },
            ]
        }
        let counts = ScopeState.allCases.compactMap { state -> String? in
            let count = report.coverageCount(state)
            return count == 0 ? nil : "\(count) \(look(state).label)"
        }
        return [
            "show": true, "regions": regions, "rows": rows,
            "summary": "\(HTMLReportView.plural(report.coverage.count, "account-region")): \(counts.joined(separator: ", "))",
        ]
    }

    static func cell(_ entry: ScopeCoverage?, region: String) -> [String: Any] {
        let look = look(entry?.state)
        var detail = ""
        if let entry, entry.state == .ok || entry.jobs > 0 {
            detail = HTMLReportView.plural(entry.jobs, "job") + (entry.errorJobs > 0 ? ", \(entry.errorJobs) ERROR" : "")
        }
        return [
            "region": region, "label": look.label, "symbol": look.symbol, "style": look.style, "isProblem": look.isProblem,
            "hasDetail": !detail.isEmpty, "detail": detail, "hasNote": !(entry?.note.isEmpty ?? true),
            "note": PlainTextSummary.clean(entry?.note ?? "", limit: 300),
        ]
    }

    /// The headline tiles when coverage is shown: Macie off is counted but not an alert.
    static func tiles(_ report: ReportModel) -> [[String: Any]] {
        guard report.showsCoverage else { return [] }
        let notReached = report.accountsNotReached.count
        return [
            ["label": "account-regions with Macie off", "value": String(report.coverageCount(.macieOff)), "alert": false],
            ["label": "accounts not reached", "value": String(notReached), "alert": notReached > 0],
        ]
    }
}
