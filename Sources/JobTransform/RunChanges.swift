import Foundation

/// Kinds of change between two runs, in the order a reader should see them: what now has a
/// deadline or is broken first, good news last. The raw values are the `change` column of
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
        }
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

    public init(
        kind: ChangeKind, region: String, accountId: String?, jobId: String, name: String?, field: String? = nil,
        before: String? = nil, after: String? = nil, daysLeft: Int? = nil, note: String = ""
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
    }
}

/// What changed since the previous run, for every output's Changes section.
public struct RunChanges: Sendable {
    /// When the run compared with took place; `nil` when the history had no earlier run.
    public var previousAsOf: Date?
    /// Every change, by kind (``ChangeKind`` order), then region, account, name and job id.
    public var items: [JobChange]
    /// Where the two runs could not be fully compared and why, one line each.
    public var limits: [String]

    public init(previousAsOf: Date?, items: [JobChange], limits: [String]) {
        self.previousAsOf = previousAsOf
        self.items = items
        self.limits = limits
    }

    /// The first run into a history has nothing to compare with, and says so.
    public var isFirstRun: Bool { previousAsOf == nil }

    /// How many changes of one kind, for headlines, the subject line and the stdout summary.
    public func count(_ kind: ChangeKind) -> Int { items.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) } }
}
