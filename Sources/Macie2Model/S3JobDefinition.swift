/// `S3JobDefinition`: which buckets a job analyses (a fixed list or runtime criteria) and
/// which objects in them (scoping).
public struct S3JobDefinition: Codable, Hashable, Sendable {
    /// Bucket conditions evaluated each time the job runs; a definition has these or
    /// ``bucketDefinitions``, never both.
    public var bucketCriteria: S3BucketCriteriaForJob?
    /// Specific buckets, one entry per owning account; a definition has these or
    /// ``bucketCriteria``, never both.
    public var bucketDefinitions: [S3BucketDefinitionForJob]?
    /// Which objects in the buckets the job analyzes, evaluated each time it runs; absent, no conditions.
    public var scoping: Scoping?
    /// A value with these members, each absent unless given (the API omits what does not apply).
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
    /// The account that owns the buckets (the reports list these accounts per job).
    public var accountId: String?
    /// The buckets' names.
    public var buckets: [String]?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(accountId: String? = nil, buckets: [String]? = nil) {
        self.accountId = accountId
        self.buckets = buckets
    }
}

/// `S3BucketCriteriaForJob`: bucket selection evaluated each time the job runs.
public struct S3BucketCriteriaForJob: Codable, Hashable, Sendable {
    /// Conditions that exclude a bucket; they take precedence over ``includes``.
    public var excludes: CriteriaBlockForJob?
    /// Conditions that include a bucket.
    public var includes: CriteriaBlockForJob?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(excludes: CriteriaBlockForJob? = nil, includes: CriteriaBlockForJob? = nil) {
        self.excludes = excludes
        self.includes = includes
    }
}

/// `CriteriaBlockForJob`: criteria joined by AND.
public struct CriteriaBlockForJob: Codable, Hashable, Sendable {
    /// The conditions, all of which must hold.
    public var and: [CriteriaForJob]?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(and: [CriteriaForJob]? = nil) { self.and = and }
}

/// `CriteriaForJob`: one property-based or one tag-based bucket criterion.
public struct CriteriaForJob: Codable, Hashable, Sendable {
    /// A condition on a bucket property; set instead of ``tagCriterion``.
    public var simpleCriterion: SimpleCriterionForJob?
    /// A condition on the bucket's tags; set instead of ``simpleCriterion``.
    public var tagCriterion: TagCriterionForJob?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(simpleCriterion: SimpleCriterionForJob? = nil, tagCriterion: TagCriterionForJob? = nil) {
        self.simpleCriterion = simpleCriterion
        self.tagCriterion = tagCriterion
    }
}

/// `SimpleCriterionForJob`: a bucket property compared with values.
public struct SimpleCriterionForJob: Codable, Hashable, Sendable {
    /// EQ or NE.
    public var comparator: JobComparator?
    /// The bucket property tested.
    public var key: SimpleCriterionKeyForJob?
    /// The values compared with, joined by OR. Exact and case-sensitive: Macie takes no partial
    /// values or wildcards.
    public var values: [String]?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(comparator: JobComparator? = nil, key: SimpleCriterionKeyForJob? = nil, values: [String]? = nil) {
        self.comparator = comparator
        self.key = key
        self.values = values
    }
}

/// `TagCriterionForJob`: bucket tags compared with key/value pairs.
public struct TagCriterionForJob: Codable, Hashable, Sendable {
    /// EQ or NE.
    public var comparator: JobComparator?
    /// The tag keys, tag values, or key and value pairs compared with.
    public var tagValues: [TagCriterionPairForJob]?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(comparator: JobComparator? = nil, tagValues: [TagCriterionPairForJob]? = nil) {
        self.comparator = comparator
        self.tagValues = tagValues
    }
}

/// `TagCriterionPairForJob`: a tag key and optional value.
public struct TagCriterionPairForJob: Codable, Hashable, Sendable {
    /// The tag key (case-sensitive).
    public var key: String?
    /// The tag value (case-sensitive).
    public var value: String?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(key: String? = nil, value: String? = nil) {
        self.key = key
        self.value = value
    }
}

/// `Scoping`: which objects in the selected buckets the job includes or excludes.
public struct Scoping: Codable, Hashable, Sendable {
    /// Conditions that exclude an object; they take precedence over ``includes``.
    public var excludes: JobScopingBlock?
    /// Conditions that include an object.
    public var includes: JobScopingBlock?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(excludes: JobScopingBlock? = nil, includes: JobScopingBlock? = nil) {
        self.excludes = excludes
        self.includes = includes
    }
}

/// `JobScopingBlock`: scope terms joined by AND.
public struct JobScopingBlock: Codable, Hashable, Sendable {
    /// The conditions, all of which must hold.
    public var and: [JobScopeTerm]?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(and: [JobScopeTerm]? = nil) { self.and = and }
}

/// `JobScopeTerm`: one property-based or one tag-based object condition.
public struct JobScopeTerm: Codable, Hashable, Sendable {
    /// A condition on an object property; set instead of ``tagScopeTerm``.
    public var simpleScopeTerm: SimpleScopeTerm?
    /// A condition on the object's tags; set instead of ``simpleScopeTerm``.
    public var tagScopeTerm: TagScopeTerm?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(simpleScopeTerm: SimpleScopeTerm? = nil, tagScopeTerm: TagScopeTerm? = nil) {
        self.simpleScopeTerm = simpleScopeTerm
        self.tagScopeTerm = tagScopeTerm
    }
}

/// `SimpleScopeTerm`: an object property compared with values.
public struct SimpleScopeTerm: Codable, Hashable, Sendable {
    /// EQ or NE for OBJECT_EXTENSION; STARTS_WITH for OBJECT_KEY; EQ, GT, GTE, LT, LTE or NE
    /// for OBJECT_LAST_MODIFIED_DATE and OBJECT_SIZE.
    public var comparator: JobComparator?
    /// The object property tested.
    public var key: ScopeFilterKey?
    /// The values compared with: several, joined by OR, for OBJECT_EXTENSION and OBJECT_KEY;
    /// exactly one otherwise. Case-sensitive, no wildcards.
    public var values: [String]?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(comparator: JobComparator? = nil, key: ScopeFilterKey? = nil, values: [String]? = nil) {
        self.comparator = comparator
        self.key = key
        self.values = values
    }
}

/// `TagScopeTerm`: object tags compared with key/value pairs.
public struct TagScopeTerm: Codable, Hashable, Sendable {
    /// EQ or NE.
    public var comparator: JobComparator?
    /// The property tested; the only valid value is `TAG`.
    public var key: String?
    /// Tag keys, or key and value pairs; an empty value tests the key alone.
    public var tagValues: [TagValuePair]?
    /// The kind of object the condition applies to (`S3_OBJECT`).
    public var target: TagTarget?
    /// A value with these members, each absent unless given (the API omits what does not apply).
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
    /// The tag key (case-sensitive).
    public var key: String?
    /// The tag value (case-sensitive); empty to test the key alone.
    public var value: String?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(key: String? = nil, value: String? = nil) {
        self.key = key
        self.value = value
    }
}
