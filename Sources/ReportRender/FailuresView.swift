import Foundation
import JobTransform

/// The "Why jobs failed" section of report.html, as values for report.mustache: one row per
/// error type of the last runs' log events (`FailureGroup`), and how many failed jobs'
/// events could not be read.
///
/// Lists are cut short (errors.csv has everything), names are cut to a readable length, and
/// each name is its own list item so the template can isolate it (`<bdi>`): a bucket named
/// with a right-to-left override cannot reorder the text around it.
enum FailuresView {
    /// Jobs, buckets and accounts shown per error type before "and N more".
    static let listLimit = 5
    /// Characters of one name shown; longer names end in "…".
    static let nameLimit = 100

    static func make(_ report: ReportModel) -> [String: Any] {
        let groups = report.failureGroups
        let withoutReasons = report.jobsWithoutReasons
        return [
            "show": !groups.isEmpty || withoutReasons > 0,
            "hasGroups": !groups.isEmpty,
            "groups": groups.map(row),
            "hasWithoutReasons": withoutReasons > 0,
            "withoutReasons": HTMLReportView.plural(withoutReasons, "job"),
        ]
    }

    static func row(_ group: FailureGroup) -> [String: Any] {
        [
            "type": cut(group.type.rawValue), "level": group.level.rawValue, "isUnknown": !group.type.isKnown,
            "remedy": group.remedy, "jobCount": String(group.jobs.count), "events": String(group.events),
            "jobNames": list(group.jobs.map { $0.name ?? $0.jobId ?? "(no name)" }),
            "moreJobs": more(group.jobs.count),
            "hasBuckets": !group.buckets.isEmpty, "bucketCount": HTMLReportView.plural(group.buckets.count, "bucket"),
            "buckets": list(group.buckets), "moreBuckets": more(group.buckets.count),
            "hasAccounts": !group.accounts.isEmpty, "accountCount": HTMLReportView.plural(group.accounts.count, "account"),
            "accounts": list(group.accounts), "moreAccounts": more(group.accounts.count),
        ]
    }

    /// The first ``listLimit`` names, each cut to ``nameLimit`` characters, the last one marked.
    static func list(_ names: [String]) -> [[String: Any]] {
        let shown = names.prefix(listLimit)
        return shown.enumerated().map { index, name in ["name": cut(name), "last": index == shown.count - 1] }
    }

    /// A name (or an event type Macie does not document, which comes from the log) cut to
    /// ``nameLimit`` characters.
    static func cut(_ name: String) -> String { name.count > nameLimit ? name.prefix(nameLimit) + "…" : name }

    /// ` and 7 more`, or nothing when the whole list is shown.
    static func more(_ count: Int) -> String { count > listLimit ? " and \(count - listLimit) more" : "" }
}
