import Foundation
import JobFetch

/// Kinds of change between two runs, in the order a reader should see them: what now has a
/// deadline or is broken first, good news last; then, added later and so after them (the
/// order is part of changes.csv's contract), the buckets and accounts of jobs whose last-run
/// log events both runs read, then new findings. The raw values are the `change` column of
/// changes.csv (a public contract).
public enum ChangeKind: String, CaseIterable, Sendable, Comparable {
    /// The last run now reports ERROR and did not before (or the job is new and failing).
    case newError
    /// USER_PAUSED and Macie cancels it within the expiry window: not a transition, but the
    /// one deadline in the data, so it is listed every night until someone acts.
    case expiring
    /// `jobStatus` moved, for example RUNNING → PAUSED (paused by Macie, usually a quota).
    case statusChanged
    /// In this run, not in the previous one.
    case new
    /// In the previous run, not in this one.
    case removed
    /// The last run reported ERROR before and does not now.
    case recovered
    /// A bucket is named by an error type of the job's last run that did not name it before.
    case bucketNewlyFailing
    /// A bucket the job's previous run logged an error for is named by no error now.
    case bucketNoLongerFailing
    /// An account has an account-level error type of the job's last run it did not have before.
    case accountNewlyFailing
    /// An account with an account-level error in the previous run has none now.
    case accountNoLongerFailing
    /// A job's count of findings of one severity grew (both runs counted it), or a new job
    /// has findings of that severity: one change per job and severity. Only growth is told:
    /// a count that fell (findings archived or deleted) is not news a reader acts on.
    case newFindings

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// A heading for reports.
    public var title: String {
        switch self {
        case .newError: return "Newly failing (ERROR on last run)"
        case .expiring: return "User-paused, expiring soon"
        case .statusChanged: return "Status changed"
        case .new: return "New jobs"
        case .removed: return "Gone since the previous run"
        case .recovered: return "Recovered (no longer ERROR)"
        case .bucketNewlyFailing: return "Buckets newly failing (a new error on a bucket)"
        case .bucketNoLongerFailing: return "Buckets no longer failing"
        case .accountNewlyFailing: return "Accounts newly failing (a new account-level error)"
        case .accountNoLongerFailing: return "Accounts no longer failing"
        case .newFindings: return "New findings (by job and severity)"
        }
    }

    /// Whether the change is about a bucket or an account of a job's errors. Their counts are
    /// shown only when not zero, so a report with no such change reads as before they existed.
    public var isErrorDetail: Bool {
        [.bucketNewlyFailing, .bucketNoLongerFailing, .accountNewlyFailing, .accountNoLongerFailing].contains(self)
    }

    /// Whether every change of this kind is bad news that should stand out (bold red in the
    /// reports). New findings stand out only when High: see ``JobChange/isAlarm``.
    public var isAlarm: Bool { [.newError, .expiring, .bucketNewlyFailing, .accountNewlyFailing].contains(self) }

    /// At most one change of this kind per job; the bucket and account kinds can have
    /// thousands per job, new findings one per severity.
    public var isPerJob: Bool {
        ![.bucketNewlyFailing, .bucketNoLongerFailing, .accountNewlyFailing, .accountNoLongerFailing, .newFindings]
            .contains(self)
    }
}

/// One change to one job: one row of changes.csv.
public struct JobChange: Sendable, Hashable {
    public var kind: ChangeKind
    public var region: String
    public var accountId: String?
    public var jobId: String
    public var name: String?
    /// The field that changed (`jobStatus`, `lastRunErrorStatus`, `jobExpiresAt`), if one did.
    public var field: String?
    /// The value in the previous run; `nil` for a new job, or when the field was absent.
    public var before: String?
    /// The value now; `nil` for a removed job, or when the field is absent.
    public var after: String?
    /// Whole days until Macie cancels the job (negative once past); only for ``ChangeKind/expiring``.
    public var daysLeft: Int?
    /// What the change means, in a few words a reader can act on.
    public var note: String
    /// For a bucket or account change: the error type that is new, or the types (`;`
    /// between) that are gone.
    public var errorType: String?
    /// For a bucket change: the bucket.
    public var bucket: String?
    /// For an account change: the account the account-level error is about.
    public var affectedAccount: String?
    /// For new findings: the severity whose count grew.
    public var severity: FindingSeverity?
    /// For new findings: by how much the count grew (the whole count for a new job).
    public var newFindings: Int64?

    public init(
        kind: ChangeKind, region: String, accountId: String?, jobId: String, name: String?, field: String? = nil,
        before: String? = nil, after: String? = nil, daysLeft: Int? = nil, note: String = "", errorType: String? = nil,
        bucket: String? = nil, affectedAccount: String? = nil, severity: FindingSeverity? = nil, newFindings: Int64? = nil
    ) {
        self.kind = kind
        self.region = region
        self.accountId = accountId
        self.jobId = jobId
        self.name = name
        self.field = field
        self.before = before
        self.after = after
        self.daysLeft = daysLeft
        self.note = note
        self.errorType = errorType
        self.bucket = bucket
        self.affectedAccount = affectedAccount
        self.severity = severity
        self.newFindings = newFindings
    }

    /// Whether this change should stand out (bold red): its kind is alarming, or it is new
    /// High-severity findings, the ones a Macie administrator looks at first.
    public var isAlarm: Bool { kind.isAlarm || (kind == .newFindings && severity == .high) }
}

/// What changed since the previous run, for every output's Changes section.
public struct RunChanges: Sendable {
    /// When the run compared with took place; `nil` when the history had no earlier run.
    public var previousAsOf: Date?
    /// Every change, by kind (``ChangeKind`` order), then region, account, name and job id.
    public var items: [JobChange]
    /// Where the two runs could not be fully compared and why, one line each.
    public var limits: [String]
    /// Whether both runs read finding counts, so "no new findings" is a finding and not a
    /// silence: only then is a zero count of ``ChangeKind/newFindings`` listed.
    public var findingsCompared: Bool

    public init(previousAsOf: Date?, items: [JobChange], limits: [String], findingsCompared: Bool = false) {
        self.previousAsOf = previousAsOf
        self.items = items
        self.limits = limits
        self.findingsCompared = findingsCompared
    }

    /// The first run into a history has nothing to compare with, and says so.
    public var isFirstRun: Bool { previousAsOf == nil }

    /// How many changes of one kind, for headlines, the subject line and the stdout summary.
    public func count(_ kind: ChangeKind) -> Int { items.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) } }

    /// The kinds whose counts the reports list: every kind, except bucket and account
    /// changes when there are none (see ``ChangeKind/isErrorDetail``), and new findings when
    /// there are none and the two runs' counts were not compared (``findingsCompared``).
    public var countedKinds: [ChangeKind] {
        ChangeKind.allCases.filter { kind in
            if kind == .newFindings { return findingsCompared || count(kind) > 0 }
            return !kind.isErrorDetail || count(kind) > 0
        }
    }

    /// Whether any change of this kind stands out (``JobChange/isAlarm``): for the headline counts.
    public func hasAlarm(_ kind: ChangeKind) -> Bool { items.contains { $0.kind == kind && $0.isAlarm } }
}
