import Foundation
import Macie2Model

/// Why a job is on the attention list. The order of the cases is the order of urgency.
public enum AttentionReason: Int, Comparable, Sendable, CaseIterable {
    /// USER_PAUSED and Macie cancels it within the window (or the expiry has already passed):
    /// the one situation with a deadline after which the job is lost.
    case expiringSoon
    /// `lastRunErrorStatus.code` is ERROR: the last run skipped accounts or buckets.
    case lastRunError
    /// PAUSED: Macie paused the job, typically because a quota was reached.
    case pausedByQuota

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// A short label for reports.
    public var label: String {
        switch self {
        case .expiringSoon: return "user-paused, expiring"
        case .lastRunError: return "ERROR on last run"
        case .pausedByQuota: return "paused by Macie (quota)"
        }
    }
}

/// A job that needs someone to act, with every reason that applies.
public struct AttentionItem: Sendable, Hashable {
    public var record: JobRecord
    /// Most urgent first.
    public var reasons: [AttentionReason]
    /// Whole days from the report time to `jobExpiresAt` (negative once it has passed); set
    /// only for ``AttentionReason/expiringSoon``.
    public var daysUntilExpiry: Int?

    /// The most urgent reason; items sort by it first.
    public var urgency: AttentionReason { reasons[0] }

    /// `nil` when the job needs no attention.
    public init?(_ record: JobRecord, asOf: Date, expiryWindowDays: Int) {
        var reasons: [AttentionReason] = []
        if record.jobStatus == .userPaused, let expiry = record.jobExpiresAt,
            expiry.timeIntervalSince(asOf) <= Double(expiryWindowDays) * 86_400
        {
            reasons.append(.expiringSoon)
            daysUntilExpiry = Int((expiry.timeIntervalSince(asOf) / 86_400).rounded(.down))
        }
        if record.lastRunErrorStatus == .error { reasons.append(.lastRunError) }
        if record.jobStatus == .paused { reasons.append(.pausedByQuota) }
        guard !reasons.isEmpty else { return nil }
        self.record = record
        self.reasons = reasons
    }

    /// The attention list's order: urgency first; then the nearest expiry, the most recent
    /// failed run, the oldest paused job; then region and job id, so the order never depends
    /// on the order the source returned jobs in.
    public struct UrgencyKey: Comparable, Sendable {
        let urgency: AttentionReason
        let time: Double
        let region: String
        let jobId: String

        public init(_ item: AttentionItem) {
            let r = item.record
            urgency = item.urgency
            switch item.urgency {
            case .expiringSoon: time = r.jobExpiresAt?.timeIntervalSince1970 ?? .infinity
            case .lastRunError: time = -(r.lastRunTime?.timeIntervalSince1970 ?? -.infinity)
            case .pausedByQuota: time = r.createdAt?.timeIntervalSince1970 ?? .infinity
            }
            region = r.region
            jobId = r.jobId ?? ""
        }

        public static func < (a: Self, b: Self) -> Bool {
            (a.urgency.rawValue, a.time, a.region, a.jobId) < (b.urgency.rawValue, b.time, b.region, b.jobId)
        }
    }
}
