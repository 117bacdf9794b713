import Foundation
import JobFetch

/// New findings per job and severity since the previous run (``ChangeKind/newFindings``).
///
/// Told only between two known counts: a count that either run did not read (`nil`: not
/// looked up, the call failed in the job's scope, or recorded before the history kept
/// counts) is never taken as zero, so nothing is claimed for it and a limit line says how
/// many jobs that leaves out. A new job's findings are all new: a job first seen in a scope
/// whose full list the previous run knew gets one row per severity it has findings of, with
/// no count before, since "which jobs produced new High findings since yesterday" includes
/// the jobs that did not exist yesterday.
extension RunComparison {
    /// One change per severity whose count grew from `then` to `now`; for a new job (`then`
    /// is `nil`), one per severity with findings.
    static func findingChanges(from then: JobSnapshot?, to now: JobSnapshot) -> [JobChange] {
        guard let after = now.findings else { return [] }
        let before: FindingCounts?
        if let then {
            guard let known = then.findings else { return [] }
            before = known
        } else {
            before = nil
        }
        return FindingSeverity.allCases.compactMap { severity in
            let was = before?[severity] ?? 0
            let count = after[severity]
            guard count > was else { return nil }
            let grown = count - was
            let what = "\(grown) new \(severity.rawValue) finding\(grown == 1 ? "" : "s")"
            var item = change(
                .newFindings, now, before: before.map { String($0[severity]) }, after: String(count),
                field: field(severity), note: before == nil ? what + " (job first seen in this run)" : what)
            item.severity = severity
            item.newFindings = grown
            return item
        }
    }

    /// The changes.csv `field` of a severity's count: `findingsHigh`, `findingsMedium`, `findingsLow`.
    public static func field(_ severity: FindingSeverity) -> String { "findings" + severity.rawValue }

    /// Whether a job both runs saw could not be compared for new findings: one run's count is unknown.
    static func findingsUncompared(_ then: JobSnapshot, _ now: JobSnapshot) -> Bool {
        then.findings == nil || now.findings == nil
    }

    /// Why new findings are not (all) told: one line when either run read no counts at all
    /// (the first run after upgrading says it once), else one naming the jobs left out.
    /// Nothing when neither run read counts (`--no-findings` every night): there is nothing
    /// to miss.
    static func findingLimits(readNow: Bool, readBefore: Bool, uncompared: Int) -> [String] {
        switch (readBefore, readNow) {
        case (false, false): return []
        case (false, true):
            return [
                "the previous run has no finding counts (not read, or recorded before the history kept them): new findings are told only for new jobs"
            ]
        case (true, false): return ["this run read no finding counts: new findings are not told"]
        case (true, true):
            guard uncompared > 0 else { return [] }
            let jobs = uncompared == 1 ? "1 job seen in both runs has its" : "\(uncompared) jobs seen in both runs have their"
            return [
                "\(jobs) finding counts in only one run or neither (findings not read in their scope): their new findings are not told"
            ]
        }
    }
}
