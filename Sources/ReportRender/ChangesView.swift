import Foundation
import JobTransform
import Macie2Model

/// The "Since the previous run" section of report.html, as values for report.mustache.
enum ChangesView {
    static func make(_ report: ReportModel) -> [String: Any] {
        guard let changes = report.changes else { return ["hasHistory": false] }
        let groups: [[String: Any]] = ChangeKind.allCases.compactMap { kind in
            let items = changes.items.filter { $0.kind == kind }
            guard !items.isEmpty else { return nil }
            // A bad night can fail thousands of buckets; the page shows the first ones, and
            // changes.csv has every row.
            let shown = kind.isPerJob ? items[...] : items.prefix(bucketRowLimit)
            return [
                "title": kind.title, "kind": kind.rawValue, "count": String(items.count),
                "isAlarm": items.contains(where: \.isAlarm), "rows": shown.map(row),
                "hasMore": shown.count < items.count,
                "more": "and \(items.count - shown.count) more in changes.csv",
            ]
        }
        let counts = changes.countedKinds.map { kind -> [String: Any] in
            let count = changes.count(kind)
            return [
                "label": label(kind), "value": String(count),
                "alert": count > 0 && (changes.hasAlarm(kind) || kind == .statusChanged),
            ]
        }
        return [
            "hasHistory": true,
            "isFirstRun": changes.isFirstRun,
            "previousAsOf": HTMLReportView.text(changes.previousAsOf) + " UTC",
            "hasChanges": !changes.items.isEmpty,
            "findingsCompared": changes.findingsCompared,
            "counts": counts,
            "groups": groups,
            "hasLimits": !changes.limits.isEmpty,
            "limits": changes.limits,
        ]
    }

    /// Rows shown per bucket or account change kind.
    static let bucketRowLimit = 200

    static func label(_ kind: ChangeKind) -> String {
        switch kind {
        case .newError: return "newly failing"
        case .expiring: return "expiring"
        case .statusChanged: return "status changes"
        case .new: return "new"
        case .removed: return "gone"
        case .recovered: return "recovered"
        case .bucketNewlyFailing: return "buckets newly failing"
        case .bucketNoLongerFailing: return "buckets no longer failing"
        case .accountNewlyFailing: return "accounts newly failing"
        case .accountNoLongerFailing: return "accounts no longer failing"
        // One per job and severity whose count grew: "3 rises in finding counts", not "3 new
        // findings" (changes.csv's newFindings column has how many).
        case .newFindings: return "rises in finding counts"
        }
    }

    static func row(_ change: JobChange) -> [String: Any] {
        let days = change.daysLeft.map {
            $0 < 0 ? "expired \(-$0) day\($0 == -1 ? "" : "s") ago" : HTMLReportView.plural($0, "day") + " left"
        }
        return [
            "name": change.name ?? "", "jobId": change.jobId, "region": change.region, "accountId": change.accountId ?? "",
            "before": change.before ?? "", "after": readable(change.after, change.field), "hasBefore": change.before != nil,
            "isAfterError": change.after == "ERROR", "isBeforeError": change.before == "ERROR",
            "daysLeft": days ?? "", "hasDaysLeft": days != nil, "note": change.note,
            "headline": change.headline.map { FailuresView.cut($0) } ?? "", "hasHeadline": change.headline != nil,
            // New High findings: the note in bold red, as the Changes sheet marks the row.
            "isAlarmNote": change.kind == .newFindings && change.isAlarm,
            "consoleURL": MacieConsole.jobURL(region: change.region, jobId: change.jobId),
        ]
    }

    /// Dates read as in the rest of the page (`2026-11-29 08:00`); other values as they are.
    static func readable(_ value: String?, _ field: String?) -> String {
        guard let value else { return "" }
        guard field == "jobExpiresAt", let date = ISO8601Timestamp.parse(value) else { return value }
        return HTMLReportView.text(date)
    }
}
