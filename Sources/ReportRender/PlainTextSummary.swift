import Foundation
import JobTransform

/// The report as plain text: the email's text/plain alternative, for mail clients (and
/// people) that do not show HTML. The same order as report.html: gaps, changes, attention,
/// why jobs failed, the jobs with the most findings, then the counts; long lists are cut with a
/// pointer to the attachments, which hold every job.
public enum PlainTextSummary {
    /// Rows listed per section before the rest are summarised in one line.
    public static let listLimit = 40

    public static func render(_ report: ReportModel) -> String {
        var lines = [
            "Macie classification jobs, \(HTMLReportView.text(report.asOf)) UTC",
            "\(report.records.count) jobs in \(report.regions.count) regions (\(clean(report.regions.joined(separator: ", ")))) and \(report.accounts.count) accounts",
            "",
        ]
        if !report.isComplete {
            lines.append("INCOMPLETE: this report is missing data.")
            lines += report.gapGroups.map {
                "  - \(clean($0.regionsText)): \(clean($0.reason))\(clean(accountNote($0.accountId, report)))"
            }
            lines.append("")
        }
        lines += coverageLines(report)
        if let changes = report.changes { lines += changeLines(changes) }
        lines.append(
            "Needs attention (\(report.attention.count)): \(report.errorCount) ERROR on last run, "
                + "\(report.attentionCount(.pausedByQuota)) paused by Macie, "
                + "\(report.attentionCount(.expiringSoon)) user-paused expiring within \(report.expiryWindowDays) days")
        lines += limited(report.attention) { item in
            let r = item.record
            let why = item.reasons.map { $0 == .lastRunError ? "ERROR" : $0.label }.joined(separator: "; ")
            let days = item.daysUntilExpiry.map { $0 < 0 ? ", expired \(-$0) days ago" : ", \($0) days left" } ?? ""
            let line =
                "  - [\(why)] \(job(r.name, r.jobId)) \(clean(r.region)) \(clean(report.accountLabel(r.accountId) ?? ""))\(days)"
            return r.lastRunErrors.map { line + "\n      why: " + clean($0.why(), limit: 300) } ?? line
        }
        lines.append("")
        lines += failureLines(report)
        lines += findingLines(report)
        for (title, dimension) in [
            ("By status", SummaryDimension.jobStatus), ("By type", .jobType), ("By last-run error", .lastRunErrorStatus),
            ("By region", .region),
        ] {
            let rows = report.summaries.rows(for: dimension).filter { $0.jobs > 0 }
            lines.append("\(title): " + rows.map { "\(clean($0.value)) \($0.jobs)" }.joined(separator: ", "))
        }
        lines.append("")
        lines.append("Every job is in the attached jobs.csv and report.xlsx; report.html is the full report.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Errors per type shown in "Why jobs failed": the rest are in errors.csv.
    static let failureTypeLimit = 10

    /// "Why jobs failed": per error type, how many jobs, the remedy, the first buckets and
    /// accounts; then the failed jobs whose log events could not be read.
    static func failureLines(_ report: ReportModel) -> [String] {
        let groups = report.failureGroups
        let unread = report.jobsWithoutReasons
        guard !groups.isEmpty || unread > 0 else { return [] }
        var lines = ["Why jobs failed (from the last runs' log events; every event is in errors.csv):"]
        for group in groups.prefix(failureTypeLimit) {
            let unknown = group.type.isKnown ? "" : ", not in Macie's documentation"
            lines.append(
                "  - \(clean(group.type.rawValue, limit: 80)) (\(group.level.rawValue)\(unknown)): "
                    + "\(HTMLReportView.plural(group.jobs.count, "job")), \(HTMLReportView.plural(group.events, "event"))")
            if !group.buckets.isEmpty { lines.append("      buckets: " + names(group.buckets)) }
            if !group.accounts.isEmpty { lines.append("      accounts: " + names(group.accounts)) }
            lines.append("      what to do: \(group.remedy)")
        }
        if groups.count > failureTypeLimit {
            lines.append("  ... and \(groups.count - failureTypeLimit) more error types in errors.csv")
        }
        if unread > 0 {
            lines.append(
                "  The log events of \(HTMLReportView.plural(unread, "job")) could not be read, so why they failed is not known (see INCOMPLETE above)."
            )
        }
        lines.append("")
        return lines
    }

    /// The first three names, each cleaned and cut to 60 characters, then "and N more".
    static func names(_ names: [String]) -> String {
        let shown = names.prefix(3).map { clean($0, limit: 60) }.joined(separator: ", ")
        return names.count > 3 ? "\(shown) and \(names.count - 3) more" : shown
    }

    static func changeLines(_ changes: RunChanges) -> [String] {
        guard let previous = changes.previousAsOf else {
            return ["First run recorded in the history: nothing to compare with yet.", ""]
        }
        var lines = [
            "Since the previous run (\(HTMLReportView.text(previous)) UTC): "
                + changes.countedKinds.map { "\(changes.count($0)) \(ChangesView.label($0))" }.joined(separator: ", ")
        ]
        for kind in ChangeKind.allCases {
            let items = changes.items.filter { $0.kind == kind }
            guard !items.isEmpty else { continue }
            lines.append("  \(kind.title):")
            lines += limited(items, indent: "    ") { change in
                // A bucket or account: "bucket x newly denied (BUCKET_ACCESS_DENIED) in job ...".
                if let headline = change.headline {
                    return
                        "    - \(clean(headline)) in job \(job(change.name, change.jobId)) \(clean(change.region)) \(clean(change.accountId ?? "")). \(clean(change.note))"
                }
                let move =
                    change.field.map { _ in
                        " \(clean(change.before ?? "-", limit: 60)) -> \(clean(change.after ?? "-", limit: 60))"
                    } ?? ""
                return
                    "    - \(job(change.name, change.jobId)) \(clean(change.region)) \(clean(change.accountId ?? "")):\(move). \(clean(change.note))"
            }
        }
        if !changes.limits.isEmpty {
            lines.append("  Compared only where both runs have data:")
            lines += changes.limits.map { "    - \(clean($0))" }
        }
        lines.append("")
        return lines
    }

    /// ` (account 111122223333 (Prod))` after a gap's reason, the name where known; nothing
    /// when the account is not known.
    static func accountNote(_ id: String?, _ report: ReportModel) -> String {
        report.accountLabel(id).map { " (account \($0))" } ?? ""
    }

    static func limited<T>(_ items: [T], indent: String = "  ", _ line: (T) -> String) -> [String] {
        var lines = items.prefix(listLimit).map(line)
        if items.count > listLimit { lines.append("\(indent)... and \(items.count - listLimit) more in the attachments") }
        return lines
    }

    static func job(_ name: String?, _ id: String?) -> String {
        "\"\(clean(name ?? "", limit: 120))\" (\(clean(id ?? "no id", limit: 80)))"
    }

    /// One line, no control or direction-override characters, at most `limit` characters:
    /// a job name cannot break the layout or reorder the text around it.
    static func clean(_ text: String, limit: Int = 300) -> String {
        let scalars = text.unicodeScalars.map { scalar -> Character in
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format { return " " }
            return Character(scalar)
        }
        let line = String(scalars)
        return line.count > limit ? String(line.prefix(limit)) + "..." : line
    }
}
