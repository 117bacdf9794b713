import Foundation

/// `GetFindingStatisticsRequest` — `POST /findings/statistics`: finding counts grouped by one
/// property, for example per job, of the findings that match ``findingCriteria``.
///
/// The operation has no `nextToken`: ``size`` bounds the groups returned, so an answer with as
/// many groups as ``size`` may have been cut off. The service model documents no range and no
/// default for ``size``, nor a default order; callers that need every group must ask for few
/// enough groups (a criterion on the job ids, say) and treat a full answer as possibly partial.
public struct GetFindingStatisticsRequest: Codable, Hashable, Sendable {
    /// Which findings to count; absent counts every finding, archived or not.
    public var findingCriteria: FindingCriteria?
    /// The property to group the counts by (required by the model).
    public var groupBy: GroupBy
    /// The most groups to return; absent leaves the limit to the service.
    public var size: Int?
    /// The order of the groups; absent leaves it to the service.
    public var sortCriteria: FindingStatisticsSortCriteria?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(
        findingCriteria: FindingCriteria? = nil, groupBy: GroupBy, size: Int? = nil,
        sortCriteria: FindingStatisticsSortCriteria? = nil
    ) {
        self.findingCriteria = findingCriteria
        self.groupBy = groupBy
        self.size = size
        self.sortCriteria = sortCriteria
    }
}

/// `GetFindingStatisticsResponse`: one count per group of matching findings.
public struct GetFindingStatisticsResponse: Codable, Hashable, Sendable {
    /// The groups, at most the request's `size` of them. Absent is not "no findings": an answer
    /// without the member is malformed, and reading it as zero would hide findings.
    public var countsByGroup: [GroupCount]?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(countsByGroup: [GroupCount]? = nil) {
        self.countsByGroup = countsByGroup
    }
}

/// `GroupCount`: how many findings one group holds.
public struct GroupCount: Codable, Hashable, Sendable {
    /// The number of findings in the group (a `long` in the model).
    public var count: Int64?
    /// The group's value of the request's `groupBy` property, for example a job id or `High`.
    public var groupKey: String?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(count: Int64? = nil, groupKey: String? = nil) {
        self.count = count
        self.groupKey = groupKey
    }
}

/// `FindingCriteria`: conditions, by finding property, that a finding must all match.
public struct FindingCriteria: Codable, Hashable, Sendable {
    /// Each condition by the property it tests, for example `"severity.description"` or
    /// `"archived"`. A map rather than members because the model allows any property name.
    public var criterion: [String: CriterionAdditionalProperties]?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(criterion: [String: CriterionAdditionalProperties]? = nil) {
        self.criterion = criterion
    }
}

/// `CriterionAdditionalProperties`: the operators of one finding condition. Values are strings
/// even for booleans (`archived` is `eq: ["false"]`); the numeric operators take a `long`.
public struct CriterionAdditionalProperties: Codable, Hashable, Sendable {
    /// Matches any of the values (OR).
    public var eq: [String]?
    /// Matches all the values exactly (AND); only some properties accept it.
    public var eqExactMatch: [String]?
    /// Greater than.
    public var gt: Int64?
    /// Greater than or equal to.
    public var gte: Int64?
    /// Less than.
    public var lt: Int64?
    /// Less than or equal to.
    public var lte: Int64?
    /// Matches none of the values.
    public var neq: [String]?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(
        eq: [String]? = nil, eqExactMatch: [String]? = nil, gt: Int64? = nil, gte: Int64? = nil, lt: Int64? = nil,
        lte: Int64? = nil, neq: [String]? = nil
    ) {
        self.eq = eq
        self.eqExactMatch = eqExactMatch
        self.gt = gt
        self.gte = gte
        self.lt = lt
        self.lte = lte
        self.neq = neq
    }
}

/// `FindingStatisticsSortCriteria`: how GetFindingStatistics orders its groups.
public struct FindingStatisticsSortCriteria: Codable, Hashable, Sendable {
    /// Sort by the group's key or by its count.
    public var attributeName: FindingStatisticsSortAttributeName?
    /// Ascending or descending.
    public var orderBy: OrderBy?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(attributeName: FindingStatisticsSortAttributeName? = nil, orderBy: OrderBy? = nil) {
        self.attributeName = attributeName
        self.orderBy = orderBy
    }
}
