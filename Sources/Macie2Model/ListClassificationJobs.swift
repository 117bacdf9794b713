import Foundation

/// `ListClassificationJobsRequest` — `POST /jobs/list`.
public struct ListClassificationJobsRequest: Codable, Hashable, Sendable {
    /// Which jobs to list (from `--include` and `--exclude`); absent lists every job.
    public var filterCriteria: ListJobsFilterCriteria?
    /// The most summaries one page may hold; absent leaves the page size to the service.
    public var maxResults: Int?
    /// The previous page's ``ListClassificationJobsResponse/nextToken``; absent for the first page.
    public var nextToken: String?
    /// The order of the results; absent leaves it to the service.
    public var sortCriteria: ListJobsSortCriteria?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(
        filterCriteria: ListJobsFilterCriteria? = nil, maxResults: Int? = nil, nextToken: String? = nil,
        sortCriteria: ListJobsSortCriteria? = nil
    ) {
        self.filterCriteria = filterCriteria
        self.maxResults = maxResults
        self.nextToken = nextToken
        self.sortCriteria = sortCriteria
    }
}

/// `ListClassificationJobsResponse`: one page of job summaries; `nextToken` is absent on the
/// last page, and a page may be short or empty while still carrying a token.
public struct ListClassificationJobsResponse: Codable, Hashable, Sendable {
    /// The page's job summaries. Absent `items` is not an empty page: an answer without them (from
    /// a proxy or a redirect, say) is malformed, and reading it as "no jobs" would lose them all.
    public var items: [JobSummary]?
    /// The token for the next page; absent on the last page. A server that never stops handing
    /// out tokens would keep a walk going for ever, so a walk must bound the pages it follows.
    public var nextToken: String?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(items: [JobSummary]? = nil, nextToken: String? = nil) {
        self.items = items
        self.nextToken = nextToken
    }
}

/// `ListJobsFilterCriteria`: terms a job must match (`includes`) and must not (`excludes`).
public struct ListJobsFilterCriteria: Codable, Hashable, Sendable {
    /// Conditions a job must not match to be listed.
    public var excludes: [ListJobsFilterTerm]?
    /// Conditions a job must match to be listed.
    public var includes: [ListJobsFilterTerm]?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(excludes: [ListJobsFilterTerm]? = nil, includes: [ListJobsFilterTerm]? = nil) {
        self.excludes = excludes
        self.includes = includes
    }
}

/// `ListJobsFilterTerm`: `key comparator values`, for example `jobStatus EQ RUNNING,PAUSED`.
public struct ListJobsFilterTerm: Codable, Hashable, Sendable {
    /// How ``values`` are compared with the job's ``key`` property.
    public var comparator: JobComparator?
    /// The job property the condition tests: jobType, jobStatus, createdAt or name.
    public var key: ListJobsFilterKey?
    /// One or more values to compare the property with.
    public var values: [String]?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(comparator: JobComparator? = nil, key: ListJobsFilterKey? = nil, values: [String]? = nil) {
        self.comparator = comparator
        self.key = key
        self.values = values
    }
}

/// `ListJobsSortCriteria`: the attribute and direction to sort by.
public struct ListJobsSortCriteria: Codable, Hashable, Sendable {
    /// The property to sort by.
    public var attributeName: ListJobsSortAttributeName?
    /// ASC or DESC.
    public var orderBy: OrderBy?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(attributeName: ListJobsSortAttributeName? = nil, orderBy: OrderBy? = nil) {
        self.attributeName = attributeName
        self.orderBy = orderBy
    }
}

/// `JobSummary`: what ListClassificationJobs says of a job; a subset of the describe response.
public struct JobSummary: Codable, Hashable, Sendable {
    /// The bucket conditions the job evaluates at each run; a job has these or
    /// ``bucketDefinitions``, never both.
    public var bucketCriteria: S3BucketCriteriaForJob?
    /// The job's fixed buckets, one entry per owning account; or ``bucketCriteria``, never both.
    public var bucketDefinitions: [S3BucketDefinitionForJob]?
    /// When the job was created, in UTC.
    public var createdAt: Date?
    /// The job's unique identifier: what DescribeClassificationJob is then asked for.
    public var jobId: String?
    /// The job's status now (see ``DescribeClassificationJobResponse/jobStatus``).
    public var jobStatus: JobStatus?
    /// ONE_TIME or SCHEDULED.
    public var jobType: JobType?
    /// Whether the job's last run hit account- or bucket-level access errors.
    public var lastRunErrorStatus: LastRunErrorStatus?
    /// The job's custom name (free text).
    public var name: String?
    /// When a USER_PAUSED job was paused and when Macie cancels it; absent otherwise.
    public var userPausedDetails: UserPausedDetails?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(
        bucketCriteria: S3BucketCriteriaForJob? = nil, bucketDefinitions: [S3BucketDefinitionForJob]? = nil,
        createdAt: Date? = nil, jobId: String? = nil, jobStatus: JobStatus? = nil, jobType: JobType? = nil,
        lastRunErrorStatus: LastRunErrorStatus? = nil, name: String? = nil, userPausedDetails: UserPausedDetails? = nil
    ) {
        self.bucketCriteria = bucketCriteria
        self.bucketDefinitions = bucketDefinitions
        self.createdAt = createdAt
        self.jobId = jobId
        self.jobStatus = jobStatus
        self.jobType = jobType
        self.lastRunErrorStatus = lastRunErrorStatus
        self.name = name
        self.userPausedDetails = userPausedDetails
    }
}

extension JobSummary {
    /// The summary the list operation gives of a described job: the emulator serves it, and
    /// a job that vanishes before it is described is reported from it.
    public init(_ job: DescribeClassificationJobResponse) {
        self.init(
            bucketCriteria: job.s3JobDefinition?.bucketCriteria,
            bucketDefinitions: job.s3JobDefinition?.bucketDefinitions,
            createdAt: job.createdAt, jobId: job.jobId, jobStatus: job.jobStatus, jobType: job.jobType,
            lastRunErrorStatus: job.lastRunErrorStatus, name: job.name, userPausedDetails: job.userPausedDetails)
    }
}
