/// `S3JobDefinition`: which buckets a job analyses (a fixed list or runtime criteria) and
/// which objects in them (scoping).
public struct S3JobDefinition: Codable, Hashable, Sendable {
    public var bucketCriteria: S3BucketCriteriaForJob?
    public var bucketDefinitions: [S3BucketDefinitionForJob]?
    public var scoping: Scoping?
    public init(
        bucketCriteria: S3BucketCriteriaForJob? = nil, bucketDefinitions: [S3BucketDefinitionForJob]? = nil,
        scoping: Scoping? = nil
    ) {
        self.bucketCriteria = bucketCriteria
        self.bucketDefinitions = bucketDefinitions
        self.scoping = scoping
    }
}

/// `S3BucketDefinitionForJob`: buckets of one account. Both members are required by the
/// model; they decode as optional so one malformed entry does not hide the whole job.
public struct S3BucketDefinitionForJob: Codable, Hashable, Sendable {
    public var accountId: String?
    public var buckets: [String]?
    public init(accountId: String? = nil, buckets: [String]? = nil) {
        self.accountId = accountId
        self.buckets = buckets
    }
}

/// `S3BucketCriteriaForJob`: bucket selection evaluated each time the job runs.
public struct S3BucketCriteriaForJob: Codable, Hashable, Sendable {
    public var excludes: CriteriaBlockForJob?
    public var includes: CriteriaBlockForJob?
    public init(excludes: CriteriaBlockForJob? = nil, includes: CriteriaBlockForJob? = nil) {
        self.excludes = excludes
        self.includes = includes
    }
}

/// `CriteriaBlockForJob`: criteria joined by AND.
public struct CriteriaBlockForJob: Codable, Hashable, Sendable {
    public var and: [CriteriaForJob]?
    public init(and: [CriteriaForJob]? = nil) { self.and = and }
}

/// `CriteriaForJob`: one property-based or one tag-based bucket criterion.
public struct CriteriaForJob: Codable, Hashable, Sendable {
    public var simpleCriterion: SimpleCriterionForJob?
    public var tagCriterion: TagCriterionForJob?
    public init(simpleCriterion: SimpleCriterionForJob? = nil, tagCriterion: TagCriterionForJob? = nil) {
        self.simpleCriterion = simpleCriterion
        self.tagCriterion = tagCriterion
    }
}

/// `SimpleCriterionForJob`: a bucket property compared with values.
public struct SimpleCriterionForJob: Codable, Hashable, Sendable {
    public var comparator: JobComparator?
    public var key: SimpleCriterionKeyForJob?
    public var values: [String]?
    public init(comparator: JobComparator? = nil, key: SimpleCriterionKeyForJob? = nil, values: [String]? = nil) {
        self.comparator = comparator
        self.key = key
        self.values = values
    }
}

/// `TagCriterionForJob`: bucket tags compared with key/value pairs.
public struct TagCriterionForJob: Codable, Hashable, Sendable {
    public var comparator: JobComparator?
    public var tagValues: [TagCriterionPairForJob]?
    public init(comparator: JobComparator? = nil, tagValues: [TagCriterionPairForJob]? = nil) {
        self.comparator = comparator
        self.tagValues = tagValues
    }
}

/// `TagCriterionPairForJob`: a tag key and optional value.
public struct TagCriterionPairForJob: Codable, Hashable, Sendable {
    public var key: String?
    public var value: String?
    public init(key: String? = nil, value: String? = nil) {
        self.key = key
        self.value = value
    }
}

/// `Scoping`: which objects in the selected buckets the job includes or excludes.
public struct Scoping: Codable, Hashable, Sendable {
    public var excludes: JobScopingBlock?
    public var includes: JobScopingBlock?
    public init(excludes: JobScopingBlock? = nil, includes: JobScopingBlock? = nil) {
        self.excludes = excludes
        self.includes = includes
    }
}

/// `JobScopingBlock`: scope terms joined by AND.
public struct JobScopingBlock: Codable, Hashable, Sendable {
    public var and: [JobScopeTerm]?
    public init(and: [JobScopeTerm]? = nil) { self.and = and }
}

/// `JobScopeTerm`: one property-based or one tag-based object condition.
public struct JobScopeTerm: Codable, Hashable, Sendable {
    public var simpleScopeTerm: SimpleScopeTerm?
    public var tagScopeTerm: TagScopeTerm?
    public init(simpleScopeTerm: SimpleScopeTerm? = nil, tagScopeTerm: TagScopeTerm? = nil) {
        self.simpleScopeTerm = simpleScopeTerm
        self.tagScopeTerm = tagScopeTerm
    }
}

/// `SimpleScopeTerm`: an object property compared with values.
public struct SimpleScopeTerm: Codable, Hashable, Sendable {
    public var comparator: JobComparator?
    public var key: ScopeFilterKey?
    public var values: [String]?
    public init(comparator: JobComparator? = nil, key: ScopeFilterKey? = nil, values: [String]? = nil) {
        self.comparator = comparator
        self.key = key
        self.values = values
    }
}

/// `TagScopeTerm`: object tags compared with key/value pairs.
public struct TagScopeTerm: Codable, Hashable, Sendable {
    public var comparator: JobComparator?
    public var key: String?
    public var tagValues: [TagValuePair]?
    public var target: TagTarget?
    public init(comparator: JobComparator? = nil, key: String? = nil, tagValues: [TagValuePair]? = nil, target: TagTarget? = nil)
    {
        self.comparator = comparator
        self.key = key
        self.tagValues = tagValues
        self.target = target
    }
}

/// `TagValuePair`: a tag key and value.
public struct TagValuePair: Codable, Hashable, Sendable {
    public var key: String?
    public var value: String?
    public init(key: String? = nil, value: String? = nil) {
        self.key = key
        self.value = value
    }
}
