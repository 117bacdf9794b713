import Foundation
import JobFetch

/// Everything the renderers need, computed once: the value that passes from transform to render.
public struct ReportModel: Sendable {
    /// The time the report speaks of; expiry windows are measured from it.
    public var asOf: Date
    /// How many days ahead a user-paused job's expiry counts as "expiring soon".
    public var expiryWindowDays: Int
    /// Every job, ordered by region, account, name and id, whatever order the source used.
    public var records: [JobRecord]
    public var summaries: JobSummaries
    public var crossTab: StatusTypeCrossTab
    /// Jobs that need someone to act, most urgent first.
    public var attention: [AttentionItem]
    /// The scopes (account, region) that were read, complete or not, sorted.
    public var scopes: [Scope]
    /// Scopes that could not be read completely: the report is partial there and says so.
    public var gaps: [ScopeGap]
    /// One line each, for stderr and the reports' notes section.
    public var notes: [String]
    /// What changed since the previous run; `nil` when no run history is kept (`--history`).
    public var changes: RunChanges?
    /// Job counts by status over the last runs in the history, oldest first, this run last.
    public var trend: [TrendPoint] = []
    /// Every account-region walked, by account then region: coverage.csv, the coverage matrix.
    public var coverage: [ScopeCoverage] = []
    /// Account names by id, as the walk learnt them; shown next to ids where known.
    public var accountNames: [String: String] = [:]

    /// Regions that were read, complete or not, sorted, each once.
    public var regions: [String] {
        scopes.map(\.region).reduce(into: []) { if $0.last != $1 { $0.append($1) } }
    }

    /// Whether the scopes hold more than one known account: reports then name the account
    /// of each gap and limit, where with one account the region alone is clear.
    public var spansAccounts: Bool { Set(scopes.compactMap(\.accountId)).count > 1 }

    /// Distinct accounts among the jobs.
    public var accounts: [String] { summaries.rows(for: .accountId).map(\.value) }

    /// The error types of every job's last run, for "Why jobs failed"; computed on each call.
    public var failureGroups: [FailureGroup] { FailureGroup.groups(records) }

    /// Jobs whose log events were looked up but could not be read.
    public var jobsWithoutReasons: Int {
        records.reduce(0) { $0 + ($1.lastRunErrors.map { $0.wasRead ? 0 : 1 } ?? 0) }
    }

    /// Jobs whose last run reported ERROR.
    public var errorCount: Int { summaries.count(.lastRunErrorStatus, "ERROR") }

    /// Jobs on the attention list for this reason (a job can count under several).
    public func attentionCount(_ reason: AttentionReason) -> Int {
        attention.reduce(0) { $0 + ($1.reasons.contains(reason) ? 1 : 0) }
    }

    /// Whether every region was read completely.
    public var isComplete: Bool { gaps.isEmpty }
}
