/// `ListMembersResponse` — `GET /members`: one page of the Macie administrator's member
/// accounts. The request's members are all query parameters (`maxResults`, `nextToken`,
/// `onlyAssociated`), so it has no body type here.
public struct ListMembersResponse: Codable, Hashable, Sendable {
    /// The page's members. Absent `members` is not an empty page but a malformed answer:
    /// read as "no members" it would hide every member account.
    public var members: [Member]?
    /// The token for the next page; absent on the last page.
    public var nextToken: String?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(members: [Member]? = nil, nextToken: String? = nil) {
        self.members = members
        self.nextToken = nextToken
    }
}

/// `Member`: an account associated with the Macie administrator account. Only what the walk
/// reads (`arn`, `email`, `invitedAt`, `tags`, `updatedAt`, `masterAccountId` are not).
public struct Member: Codable, Hashable, Sendable {
    /// The member's 12-digit account id.
    public var accountId: String?
    /// The administrator account the member is associated with.
    public var administratorAccountId: String?
    /// How the member stands with the administrator: only `Enabled` members have Macie
    /// running under the administrator's management.
    public var relationshipStatus: RelationshipStatus?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(accountId: String? = nil, administratorAccountId: String? = nil, relationshipStatus: RelationshipStatus? = nil) {
        self.accountId = accountId
        self.administratorAccountId = administratorAccountId
        self.relationshipStatus = relationshipStatus
    }
}

/// `RelationshipStatus`: where a member account stands with its Macie administrator.
public typealias RelationshipStatus = ModelEnum<RelationshipStatusValues>
/// The values the model lists for ``RelationshipStatus`` (see ``ModelEnumDefinition``).
public enum RelationshipStatusValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "RelationshipStatus"
    /// The model's values, in the model's order.
    public static let knownValues = [
        "Enabled", "Paused", "Invited", "Created", "Removed", "Resigned", "EmailVerificationInProgress",
        "EmailVerificationFailed", "RegionDisabled", "AccountSuspended",
    ]
}
extension ModelEnum where Definition == RelationshipStatusValues {
    /// A member whose Macie the administrator manages: the only status worth walking.
    public static var enabled: Self { .init(rawValue: "Enabled") }
}
