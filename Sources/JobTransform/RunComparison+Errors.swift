import Foundation
import JobLogModel
import Macie2Model

/// Which buckets and accounts of a job newly fail, or no longer fail, from the error types
/// of its last run in both runs (``RecordedErrors``).
///
/// Said only for a job whose log events both runs read: a run that did not read them (not
/// looked up, could not be read, or recorded before the history kept errors) knows nothing
/// of its buckets. Where reading stopped at the event limit the lists are partial, so a
/// partial previous run cannot show what is new, and a partial run now cannot show what is gone.
extension RunComparison {
    static func errorChanges(from then: JobSnapshot, to now: JobSnapshot) -> [JobChange] {
        guard let before = then.lastRunErrors, let after = now.lastRunErrors else { return [] }
        let canSayNew = before.isComplete
        // The same run read twice cannot have fixed anything: events missing now were lost
        // (log retention, a deleted stream), not resolved.
        let sameRun = then.lastRunTime != nil && then.lastRunTime == now.lastRunTime
        let canSayGone = after.isComplete && !sameRun
        let ran = now.lastRunTime.map { " (\(ISO8601Timestamp.format($0)))" } ?? ""
        var changes: [JobChange] = []
        for bucket in [true, false] {
            let was = bucket ? before.bucketTypes : before.accountTypes
            let isNow = bucket ? after.bucketTypes : after.accountTypes
            let newly: ChangeKind = bucket ? .bucketNewlyFailing : .accountNewlyFailing
            let gone: ChangeKind = bucket ? .bucketNoLongerFailing : .accountNoLongerFailing
            func make(_ kind: ChangeKind, _ name: String, type: String, old: [String], new: [String], note: String) -> JobChange {
                var item = change(
                    kind, now, before: old.isEmpty ? nil : old.joined(separator: ";"),
                    after: new.isEmpty ? nil : new.joined(separator: ";"), field: "lastRunErrorTypes", note: note)
                item.errorType = type
                if bucket { item.bucket = name } else { item.affectedAccount = name }
                return item
            }
            if canSayNew {
                for (name, types) in isNow {
                    let old = was[name] ?? []
                    for type in types where !old.contains(type) {
                        changes.append(
                            make(
                                newly, name, type: type, old: old, new: types,
                                note: JobEventRemedy.line(for: JobEventType(rawValue: type))))
                    }
                }
            }
            if canSayGone {
                for (name, old) in was where isNow[name] == nil {
                    let note =
                        bucket
                        ? "no error event of the last run\(ran) names this bucket (fixed, or no longer in the job)"
                        : "no account-level error of the last run\(ran) names this account"
                    changes.append(make(gone, name, type: old.joined(separator: ";"), old: old, new: [], note: note))
                }
            }
        }
        return changes
    }

    /// Whether a job failing in both runs could not be compared bucket by bucket: one run did
    /// not read all of its last run's log events.
    static func errorsUncompared(_ then: JobSnapshot, _ now: JobSnapshot) -> Bool {
        then.lastRunErrorStatus == "ERROR" && now.lastRunErrorStatus == "ERROR"
            && (then.lastRunErrors?.isComplete != true || now.lastRunErrors?.isComplete != true)
    }

    /// One line when such jobs exist; only once the previous run kept errors at all (the
    /// first run after upgrading would otherwise say it of every failing job).
    static func errorLimits(uncompared: Int, previousKeptErrors: Bool) -> [String] {
        guard previousKeptErrors, uncompared > 0 else { return [] }
        let (jobs, its, it) = uncompared == 1 ? ("1 job", "its", "it") : ("\(uncompared) jobs", "their", "them")
        return [
            "\(jobs) failing in both runs did not have \(its) log events read whole in both: buckets and accounts newly failing or no longer failing may be missing for \(it)"
        ]
    }

    /// How a report names what happened to a bucket or account: "newly denied", "newly missing".
    static func failing(_ type: String) -> String {
        switch type {
        case "BUCKET_ACCESS_DENIED", "ACCOUNT_ACCESS_DENIED": return "denied"
        case "BUCKET_DETAILS_UNAVAILABLE": return "unavailable"
        case "BUCKET_DOES_NOT_EXIST": return "missing"
        case "BUCKET_IN_DIFFERENT_REGION": return "in a different region"
        case "BUCKET_OWNER_CHANGED": return "owned by another account"
        case "ACCOUNT_DISABLED": return "disabled"
        case "ACCOUNT_DISASSOCIATED": return "disassociated"
        case "ACCOUNT_ISOLATED": return "isolated"
        case "ACCOUNT_REGION_DISABLED": return "without this region enabled"
        case "ACCOUNT_SUSPENDED": return "suspended"
        case "ACCOUNT_TERMINATED": return "terminated"
        default: return "failing"
        }
    }
}

extension JobChange {
    /// What happened to the bucket or account, as the reports' lines start:
    /// `bucket logs-a newly denied (BUCKET_ACCESS_DENIED)`,
    /// `bucket logs-a no longer failing (was BUCKET_ACCESS_DENIED)`; `nil` for a job's own change.
    /// The reports add "in job …".
    public var headline: String? {
        guard kind.isErrorDetail, let type = errorType else { return nil }
        let subject = bucket.map { "bucket \($0)" } ?? "account \(affectedAccount ?? "")"
        switch kind {
        case .bucketNewlyFailing, .accountNewlyFailing:
            return "\(subject) newly \(RunComparison.failing(type)) (\(type))"
        default:
            return "\(subject) no longer failing (was \(type.split(separator: ";").joined(separator: ", ")))"
        }
    }
}
