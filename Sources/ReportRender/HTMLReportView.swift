import Foundation
import JobTransform

/// The values report.mustache renders, as plain dictionaries and strings.
///
/// Everything is formatted here (dates, counts, labels) so templates stay logic-free and a
/// user's own template sees the same names; Mustache escapes every value when it renders it.
enum HTMLReportView {
    static func make(_ report: ReportModel) -> [String: Any] {
        let attentionCount = report.attention.count
        let expiring = report.attentionCount(.expiringSoon)
        let paused = report.attentionCount(.pausedByQuota)
        var headline: [[String: Any]] = [
            ["label": "jobs", "value": String(report.records.count), "alert": false],
            ["label": "need attention", "value": String(attentionCount), "alert": attentionCount > 0],
            ["label": "ERROR on last run", "value": String(report.errorCount), "alert": report.errorCount > 0],
            ["label": "paused by Macie", "value": String(paused), "alert": paused > 0],
            ["label": "expiring in \(report.expiryWindowDays) days", "value": String(expiring), "alert": expiring > 0],
        ]
        if let findings = FindingsView.tile(report) { headline.append(findings) }
        headline += CoverageView.tiles(report)
        return [
            "asOf": text(report.asOf) + " UTC",
            "totalJobs": String(report.records.count),
            "regionCount": String(report.regions.count),
            "regionsText": report.regions.joined(separator: ", "),
            "accountCount": String(report.accounts.count),
            "headline": headline,
            "isPartial": !report.isComplete,
            // accountLabel adds the account's name to its id where known; accountId stays the id.
            // hasAccount, because an empty string still opens a Mustache section.
            "gaps": report.gapGroups.map {
                [
                    "region": $0.regionsText, "reason": $0.reason, "accountId": $0.accountId ?? "",
                    "hasAccount": $0.accountId != nil, "accountLabel": report.accountLabel($0.accountId) ?? "",
                ]
            },
            "attentionCount": String(attentionCount),
            "hasAttention": attentionCount > 0,
            "expiryWindowDays": String(report.expiryWindowDays),
            "attention": report.attention.map { attentionRow($0, accountNames: report.accountNames) },
            "failures": FailuresView.make(report),
            // The error types have no rows when no job's log events were read: no empty table then.
            "summaries": SummaryDimension.allCases.filter {
                $0 != .lastRunErrorType || !report.summaries.rows(for: $0).isEmpty
            }.map { summary($0, report.summaries) },
            "crossTab": crossTab(report.crossTab),
            "hasNotes": !report.notes.isEmpty,
            "notes": report.notes,
            "jobs": JobRows(records: report.records, accountNames: report.accountNames),
            "coverage": CoverageView.make(report),
            // Whether the job table shows the finding counts; without counts it has no such columns.
            "findingsRead": report.findingsRead,
            "findingsChart": FindingsView.make(report),
            "changes": ChangesView.make(report),
            "trend": TrendChartView.make(report.trend),
            "charts": [
                ChartView.make(id: "chart-status", title: "Jobs by status", rows: report.summaries.rows(for: .jobStatus)),
                ChartView.make(id: "chart-type", title: "Jobs by type", rows: report.summaries.rows(for: .jobType)),
                ChartView.make(
                    id: "chart-error", title: "Jobs by last-run error", rows: report.summaries.rows(for: .lastRunErrorStatus)),
                ChartView.make(id: "chart-region", title: "Jobs by region", rows: report.summaries.rows(for: .region)),
            ],
        ]
    }

    static func attentionRow(_ item: AttentionItem, accountNames: [String: String] = [:]) -> [String: Any] {
        let r = item.record
        let accountName = r.accountId.flatMap { accountNames[$0] }
        var details: [String] = []
        if let days = item.daysUntilExpiry, let expiry = r.jobExpiresAt {
            details.append(
                days < 0
                    ? "expired \(text(expiry)) (\(plural(-days, "day")) ago)"
                    : "expires \(text(expiry)) (\(plural(days, "day")) left)")
        }
        if item.reasons.contains(.lastRunError) {
            details.append(r.lastRunTime.map { "last run \(text($0))" } ?? "last run time unknown")
        }
        if item.reasons.contains(.pausedByQuota), let created = r.createdAt { details.append("created \(text(created))") }
        // Why, from the last run's log events: one line, its names' control and direction
        // characters blanked and its length capped (errors.csv has the events whole).
        let why = r.lastRunErrors.map { PlainTextSummary.clean($0.why(), limit: 500) }
        return [
            "hasWhy": why != nil, "why": why ?? "",
            "reasons": item.reasons.filter { $0 != .lastRunError }.map(\.label).joined(separator: "; "),
            "isError": item.reasons.contains(.lastRunError), "name": r.name ?? "", "jobId": r.jobId ?? "",
            "region": r.region, "accountId": r.accountId ?? "", "jobStatus": r.jobStatus?.rawValue ?? "",
            "hasAccountName": accountName != nil, "accountName": accountName ?? "",
            "detail": details.joined(separator: "; "),
            "consoleURL": MacieConsole.jobURL(region: r.region, jobId: r.jobId),
            "statusClass": StatusPalette.cssClass(r.jobStatus),
        ]
    }

    static func summary(_ dimension: SummaryDimension, _ summaries: JobSummaries) -> [String: Any] {
        let titles: [SummaryDimension: String] = [
            .jobStatus: "By status", .jobType: "By type", .lastRunErrorStatus: "By last-run error",
            .region: "By region", .accountId: "By account", .lastRunErrorType: "By last-run error type",
        ]
        let rows: [[String: Any]] = summaries.rows(for: dimension).map { row in
            [
                "value": row.value, "jobs": String(row.jobs), "isUnknown": !row.isKnownValue,
                "unknownNote": dimension == .lastRunErrorType ? "not in Macie's documentation" : "not in the Macie2 model",
                "isError": dimension == .lastRunErrorStatus && row.value == "ERROR" && row.jobs > 0,
            ]
        }
        return ["title": titles[dimension]!, "dimension": dimension.rawValue, "rows": rows]
    }

    static func crossTab(_ tab: StatusTypeCrossTab) -> [String: Any] {
        [
            "types": tab.types,
            "rows": tab.statuses.indices.map { i -> [String: Any] in
                ["status": tab.statuses[i], "cells": tab.counts[i].map(String.init), "total": String(tab.rowTotal(i))]
            },
            "totals": tab.types.indices.map { String(tab.columnTotal($0)) },
            "grandTotal": String(tab.total),
        ]
    }

    /// `2026-11-24 06:00`: UTC to the minute, easier to read in a mail than ISO-8601.
    static func text(_ date: Date?) -> String {
        guard let date else { return "" }
        let iso = CellValue.format(date)
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5)
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
