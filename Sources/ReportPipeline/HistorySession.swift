import Foundation
import JobFetch
import JobHistory
import JobTransform

/// The history for the length of one run: locked first, opened, compared with, recorded into,
/// then closed before the lock is released (see ``OutputLock``).
final class HistorySession {
    let settings: HistorySettings
    private var lock: OutputLock?
    private let store: HistoryStore

    /// Locks and opens the history, before anything is fetched: a damaged or foreign file, or
    /// one written by a newer version, stops the run with no report touched.
    init(_ settings: HistorySettings, timeout: TimeInterval) throws {
        self.settings = settings
        let lock = try OutputLock.acquire(history: settings.file, timeout: timeout)
        store = try HistoryStore(url: settings.file)
        self.lock = lock
    }

    /// What this run inherits from the previous one where it is partial, computed while the
    /// previous snapshot is in memory, kept (small) until the run is recorded.
    private var carried = CarryForward(jobs: [], knownScopes: ScopeSet())

    /// Adds the comparison with the previous run and the trend to the report.
    func compare(_ report: inout ReportModel) throws {
        let previous = try store.previousRun()
        report.changes = RunComparison.compare(report, with: previous, scope: settings.scope)
        carried = RunSnapshot.carryForward(from: previous, into: report, scope: settings.scope)
        report.trend = try store.trend(last: max(settings.trendRuns - 1, 0)) + [TrendPoint(report)]
    }

    func record(_ report: ReportModel, startedAt: Date) throws -> HistoryStore.Recorded {
        try store.record(
            report, carried: carried, scope: settings.scope, startedAt: startedAt, source: settings.sourceDescription,
            keepDays: settings.keepDays)
    }

    func close() {
        store.close()
        lock = nil
    }
}
