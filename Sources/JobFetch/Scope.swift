/// Where a walk reads jobs: one account in one region. The one key that partitions a run:
/// every batch, gap, history row and report line knows its scope.
///
/// Only the account that created a classification job can see it, so a credential set sees
/// the jobs of one account per region. The account is `nil` when it is not known: samples
/// recorded without it (`DIR/<region>.json`), or a live run that could not ask STS who it
/// is. A scope with an unknown account stands for the whole region: it ``matches(_:)`` a
/// scope of any account there, so runs with and without the account compare.
public struct Scope: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 12-digit account id, or `nil` when not known.
    public var accountId: String?
    /// The AWS region, for example `us-east-1`.
    public var region: String

    /// `accountId` `nil` means not known: the scope then stands for the whole region (see ``matches(_:)``).
    public init(accountId: String? = nil, region: String) {
        self.accountId = accountId
        self.region = region
    }

    /// Same region, and the same account or an unknown one on either side.
    public func matches(_ other: Scope) -> Bool {
        region == other.region && (accountId == nil || other.accountId == nil || accountId == other.accountId)
    }

    /// Region first, as the reports order them; the unknown account before any known one.
    public static func < (a: Scope, b: Scope) -> Bool {
        (a.region, a.accountId ?? "") < (b.region, b.accountId ?? "")
    }

    /// `us-east-1`, or `us-east-1 (account 111122223333)`.
    public var description: String { region + accountNote }

    /// Twelve ASCII digits, as every AWS account id is.
    public static func isAccountId(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { (48...57).contains($0) }
    }

    /// ` (account 111122223333)` after a region or a gap's reason, or nothing when the
    /// account is not known.
    public var accountNote: String { accountId.map { " (account \($0))" } ?? "" }
}

/// A set of scopes asked "does any of you match this one?" in constant time, for 100 000
/// jobs against thousands of scopes.
public struct ScopeSet: Sendable, Hashable {
    /// The members as inserted; settable only through ``insert(_:)`` so the lookup indexes stay in step.
    public private(set) var scopes: Set<Scope> = []
    private var regionsWithUnknownAccount: Set<String> = []
    private var regions: Set<String> = []

    /// A set of `scopes`, empty by default.
    public init(_ scopes: some Sequence<Scope> = [Scope]()) {
        for scope in scopes { insert(scope) }
    }

    /// Adds `scope`; one already present changes nothing.
    public mutating func insert(_ scope: Scope) {
        scopes.insert(scope)
        regions.insert(scope.region)
        if scope.accountId == nil { regionsWithUnknownAccount.insert(scope.region) }
    }

    /// The members of both sets, indexed afresh.
    public func union(_ other: ScopeSet) -> ScopeSet { ScopeSet(scopes.union(other.scopes)) }

    /// Whether some member ``Scope/matches(_:)`` `scope`.
    public func matches(_ scope: Scope) -> Bool {
        guard let account = scope.accountId else { return regions.contains(scope.region) }
        return regionsWithUnknownAccount.contains(scope.region) || scopes.contains(scope)
            || scopes.contains(Scope(accountId: account, region: scope.region))
    }

    /// Whether there are no members: then nothing matches.
    public var isEmpty: Bool { scopes.isEmpty }
    /// The members, in report order.
    public var sorted: [Scope] { scopes.sorted() }
}
