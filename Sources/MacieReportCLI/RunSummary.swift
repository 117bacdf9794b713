import Foundation
import JobTransform

/// The one line `run` prints on stdout: counts a person scanning cron mail wants.
enum RunSummary {
    static func line(_ report: ReportModel, files: [URL], directory: String) -> String {
        let expiring = report.attentionCount(.expiringSoon)
        let paused = report.attentionCount(.pausedByQuota)
        return "\(report.records.count) jobs in \(report.regions.count) regions and \(report.accounts.count) accounts; "
            + "\(report.attention.count) need attention (\(report.errorCount) ERROR on last run, \(paused) paused by Macie, "
            + "\(expiring) user-paused expiring within \(report.expiryWindowDays) days). "
            + "Wrote \(files.map(\.lastPathComponent).joined(separator: ", ")) to \(directory)."
    }
}
