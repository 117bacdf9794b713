import Foundation
import JobFetch
import Macie2Model

/// Compares this run with the previous one in the history. Pure: both runs come in as values.
///
/// A partial run is compared only where both runs have data. A job both know is always
/// compared. A job is "new" only in a scope (account, region) whose full list the previous
/// run knew, and "removed" only from a scope this run listed completely: a job missing from
/// a scope that failed is not gone, and a job in a scope never listed before is not new.
/// Each such limit becomes one line. Runs with different filters are not compared for new or
/// removed.
public enum RunComparison {
    public static func compare(_ report: ReportModel, with previous: RunSnapshot?, scope: String = "") -> RunChanges {
        var items = expiring(report)
        guard let previous else {
            return RunChanges(previousAsOf: nil, items: sorted(items), limits: [])
        }
        let sameScope = previous.scope == scope
        let listedNow = ScopeGap.listedCompletely(report.scopes, gaps: report.gaps)
        let newCounted = sameScope ? previous.knownScopes : ScopeSet()
        let removedCounted = sameScope ? listedNow : ScopeSet()
        let before = previous.jobs
        var seen = Set<JobSnapshot.Key>()
        seen.reserveCapacity(report.records.count)
        var errorsUncompared = 0
        var findingsUncompared = 0
        for record in report.records {
            // A repeated region and id (only hostile data has one) is compared once.
            guard let now = JobSnapshot(record), seen.insert(now.key).inserted else { continue }
            if let then = before[now.key] {
                items += transitions(from: then, to: now)
                items += errorChanges(from: then, to: now)
                if Self.errorsUncompared(then, now) { errorsUncompared += 1 }
                items += findingChanges(from: then, to: now)
                if Self.findingsUncompared(then, now) { findingsUncompared += 1 }
            } else if newCounted.matches(now.scope) {
                items.append(change(.new, now, after: now.jobStatus, field: "jobStatus", note: "first seen in this run"))
                if now.lastRunErrorStatus == "ERROR" {
                    items.append(
                        change(.newError, now, before: nil, after: "ERROR", field: "lastRunErrorStatus", note: errorNote(now)))
                }
                items += findingChanges(from: nil, to: now)
            }
        }
        for then in previous.jobs.values where !seen.contains(then.key) && removedCounted.matches(then.scope) {
            items.append(
                change(
                    .removed, then, before: then.jobStatus, field: "jobStatus",
                    note: "no longer listed in this region (or not visible to these credentials)"))
        }
        let previousKeptErrors = previous.jobs.values.contains { $0.lastRunErrors != nil }
        let readNow = report.findingsRead
        let readBefore = previous.jobs.values.contains { $0.findings != nil }
        let limits =
            (sameScope
                ? regionLimits(report, previous, listedNow: listedNow)
                : [
                    "the previous run covered different jobs (filters \(describe(previous.scope)), now \(describe(scope))): new and removed jobs are not counted"
                ]) + errorLimits(uncompared: errorsUncompared, previousKeptErrors: previousKeptErrors)
            + findingLimits(readNow: readNow, readBefore: readBefore, uncompared: findingsUncompared)
        return RunChanges(
            previousAsOf: previous.asOf, items: sorted(items), limits: limits, findingsCompared: readNow && readBefore)
    }

    /// One line for each scope where new or removed jobs cannot be told. A scope is named by
    /// its region, and by its account too when the run spans several accounts.
    static func regionLimits(_ report: ReportModel, _ previous: RunSnapshot, listedNow: ScopeSet) -> [String] {
        let readNow = ScopeSet(report.scopes)
        let known = previous.knownScopes
        let readBefore = ScopeSet(previous.scopes)
        let named = { (scope: Scope) in report.spansAccounts ? scope.description : scope.region }
        var limits: [String] = []
        var said = Set<String>()
        func say(_ line: String) { if said.insert(line).inserted { limits.append(line) } }
        for scope in Set(report.scopes).union(previous.scopes).union(known.scopes).sorted() {
            if readNow.matches(scope) && !known.matches(scope) {
                say(
                    readBefore.matches(scope)
                        ? "\(named(scope)) was incomplete in the previous run: jobs found there now are not counted as new"
                        : "\(named(scope)) was not read in the previous run: its jobs are not counted as new")
            }
            if known.matches(scope) && !listedNow.matches(scope) {
                say(
                    readNow.matches(scope)
                        ? "\(named(scope)) could not be read completely in this run: jobs missing there are not counted as removed"
                        : "\(named(scope)) was not read in this run: its jobs are not counted as removed")
            }
        }
        return limits
    }

    static func describe(_ scope: String) -> String { scope.isEmpty ? "none" : scope }

    /// Status and last-run error transitions of a job both runs saw.
    static func transitions(from then: JobSnapshot, to now: JobSnapshot) -> [JobChange] {
        var changes: [JobChange] = []
        if then.jobStatus != now.jobStatus {
            changes.append(
                change(
                    .statusChanged, now, before: then.jobStatus, after: now.jobStatus, field: "jobStatus",
                    note: statusNote(now)))
        }
        let wasError = then.lastRunErrorStatus == "ERROR"
        let isError = now.lastRunErrorStatus == "ERROR"
        if isError && !wasError {
            changes.append(
                change(
                    .newError, now, before: then.lastRunErrorStatus, after: "ERROR", field: "lastRunErrorStatus",
                    note: errorNote(now)))
        } else if wasError && !isError {
            changes.append(
                change(
                    .recovered, now, before: "ERROR", after: now.lastRunErrorStatus, field: "lastRunErrorStatus",
                    note: "the last run reported no account- or bucket-level error"))
        }
        return changes
    }

    /// User-paused jobs Macie cancels within the window, from the attention list.
    static func expiring(_ report: ReportModel) -> [JobChange] {
        report.attention.compactMap { item -> JobChange? in
            guard item.reasons.contains(.expiringSoon), let days = item.daysUntilExpiry,
                let job = JobSnapshot(item.record)
            else { return nil }
            let when = job.jobExpiresAt.map(ISO8601Timestamp.format) ?? ""
            return change(
                .expiring, job, after: when, field: "jobExpiresAt", daysLeft: days,
                note: days < 0
                    ? "Macie's cancellation date has passed"
                    : "resume it before \(when.prefix(10)) or Macie cancels it")
        }
    }

    static func statusNote(_ job: JobSnapshot) -> String {
        switch job.jobStatus {
        case "PAUSED": return "paused by Macie, usually because a quota was reached"
        case "USER_PAUSED":
            return job.jobExpiresAt.map { "paused by a user; Macie cancels it on \(ISO8601Timestamp.format($0).prefix(10))" }
                ?? "paused by a user"
        case "CANCELLED": return "cancelled: it will not run again"
        case "COMPLETE": return "finished its one run"
        case "RUNNING": return "running"
        case "IDLE": return "waiting for its next scheduled run"
        default: return ""
        }
    }

    static func errorNote(_ job: JobSnapshot) -> String {
        "the last run" + (job.lastRunTime.map { " (\(ISO8601Timestamp.format($0)))" } ?? "")
            + " skipped accounts or buckets: check the job's error details in the Macie console"
    }

    static func change(
        _ kind: ChangeKind, _ job: JobSnapshot, before: String? = nil, after: String? = nil, field: String? = nil,
        daysLeft: Int? = nil, note: String
    ) -> JobChange {
        JobChange(
            kind: kind, region: job.region, accountId: job.accountId, jobId: job.jobId, name: job.name, field: field,
            before: before, after: after, daysLeft: daysLeft, note: note)
    }

    /// By kind, region, account, name and job id; a job's bucket and account changes then by
    /// bucket, account and error type. New findings go by severity first, so every job's new
    /// High findings lead (and survive a report's cut to its first rows).
    static func sorted(_ items: [JobChange]) -> [JobChange] {
        func rank(_ change: JobChange) -> Int { change.severity.map { FindingSeverity.allCases.firstIndex(of: $0) ?? 0 } ?? 0 }
        return items.sorted {
            let a = ($0.kind, rank($0), $0.region, $0.accountId ?? "", $0.name ?? "", $0.jobId)
            let b = ($1.kind, rank($1), $1.region, $1.accountId ?? "", $1.name ?? "", $1.jobId)
            if a != b { return a < b }
            return ($0.bucket ?? "", $0.affectedAccount ?? "", $0.errorType ?? "")
                < ($1.bucket ?? "", $1.affectedAccount ?? "", $1.errorType ?? "")
        }
    }
}
