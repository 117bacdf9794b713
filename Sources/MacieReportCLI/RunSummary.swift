import Foundation
import JobFetch
import JobHistory
import JobTransform
import Macie2Model

/// The one line `run` prints on stdout: counts a person scanning cron mail wants.
enum RunSummary {
    static func line(_ report: ReportModel, files: [URL], directory: String) -> String {
        let expiring = report.attentionCount(.expiringSoon)
        let paused = report.attentionCount(.pausedByQuota)
        return "\(report.records.count) jobs in \(report.regions.count) regions and \(report.accounts.count) accounts; "
            + "\(report.attention.count) need attention (\(report.errorCount) ERROR on last run, \(paused) paused by Macie, "
            + "\(expiring) user-paused expiring within \(report.expiryWindowDays) days)"
            + (report.findingsRead ? "; \(report.jobsWithHighFindings) with High findings. " : ". ")
            + "Wrote \(files.map(\.lastPathComponent).joined(separator: ", ")) to \(directory)."
    }

    /// The same facts as fields of a JSON log record, for `--log-format json`.
    static func fields(_ report: ReportModel, files: [URL], directory: String) -> [String: Any] {
        var fields: [String: Any] = [
            "jobs": report.records.count, "regions": report.regions, "accounts": report.accounts.count,
            "attention": report.attention.count, "errors": report.errorCount,
            "pausedByMacie": report.attentionCount(.pausedByQuota), "expiring": report.attentionCount(.expiringSoon),
            "complete": report.isComplete, "gaps": report.gaps.map(\.region), "files": files.map(\.lastPathComponent),
            "outputDir": directory,
        ]
        if report.findingsRead {
            let totals = report.findingTotals
            fields["jobsWithHighFindings"] = report.jobsWithHighFindings
            fields["findings"] = ["high": totals.high, "medium": totals.medium, "low": totals.low, "total": totals.total]
        }
        if let changes = report.changes {
            var counts: [String: Int] = [:]
            for kind in ChangeKind.allCases { counts[kind.rawValue] = changes.count(kind) }
            fields["changes"] = counts
            fields["firstRun"] = changes.isFirstRun
        }
        return fields
    }

    /// The second line, with a history: what changed since the previous run.
    static func changesLine(_ changes: RunChanges, recorded: HistoryStore.Recorded?) -> String {
        let pruned = recorded.map { $0.prunedRuns > 0 ? " Pruned \($0.prunedRuns) old run(s) from the history." : "" } ?? ""
        guard let previous = changes.previousAsOf else {
            return "First run in the history: nothing to compare with yet." + pruned
        }
        let counts = changes.countedKinds.map { kind in "\(changes.count(kind)) \(kind.rawValue)" }.joined(separator: ", ")
        let limits = changes.limits.isEmpty ? "" : " Compared only where both runs have data (\(changes.limits.count) limit(s))."
        return "Since \(ISO8601Timestamp.format(previous)): \(counts).\(limits)\(pruned)"
    }
}

extension RunCommand {
    /// One stderr line per gap reason and account (see `GapGroup`).
    static func gapLines(_ report: ReportModel) -> [String] {
        report.gapGroups.map { group in
            let place = group.regions.count == 1 ? "region \(group.regionsText) is" : "regions \(group.regionsText) are"
            let account = report.accountLabel(group.accountId).map { " (account \($0))" } ?? ""
            return "\(place) incomplete in the report: \(group.reason)\(account)"
        }
    }
}
