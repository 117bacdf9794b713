import Foundation

/// `ListClassificationJobsRequest` — `POST /jobs/list`.
public struct ListClassificationJobsRequest: Codable, Hashable, Sendable {
    public var filterCriteria: ListJobsFilterCriteria?
    public var maxResults: Int?
    public var nextToken: String?
    public var sortCriteria: ListJobsSortCriteria?
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
    public var items: [JobSummary]?
    public var nextToken: String?
    public init(items: [JobSummary]? = nil, nextToken: String? = nil) {
        self.items = items
        self.nextToken = nextToken
    }
}

/// `ListJobsFilterCriteria`: terms a job must match (`includes`) and must not (`excludes`).
public struct ListJobsFilterCriteria: Codable, Hashable, Sendable {
    public var excludes: [ListJobsFilterTerm]?
    public var includes: [ListJobsFilterTerm]?
    public init(excludes: [ListJobsFilterTerm]? = nil, includes: [ListJobsFilterTerm]? = nil) {
        self.excludes = excludes
        self.includes = includes
    }
}

/// `ListJobsFilterTerm`: `key comparator values`, for example `jobStatus EQ RUNNING,PAUSED`.
public struct ListJobsFilterTerm: Codable, Hashable, Sendable {
    public var comparator: JobComparator?
    public var key: ListJobsFilterKey?
    public var values: [String]?
    public init(comparator: JobComparator? = nil, key: ListJobsFilterKey? = nil, values: [String]? = nil) {
        self.comparator = comparator
        self.key = key
        self.values = values
    }
}

/// `ListJobsSortCriteria`: the attribute and direction to sort by.
public struct ListJobsSortCriteria: Codable, Hashable, Sendable {
    public var attributeName: ListJobsSortAttributeName?
    public var orderBy: OrderBy?
    public init(attributeName: ListJobsSortAttributeName? = nil, orderBy: OrderBy? = nil) {
        self.attributeName = attributeName
        self.orderBy = orderBy
    }
}

/// `JobSummary`: what ListClassificationJobs says of a job; a subset of the describe response.
public struct JobSummary: Codable, Hashable, Sendable {
    public var bucketCriteria: S3BucketCriteriaForJob?
    public var bucketDefinitions: [S3BucketDefinitionForJob]?
    public var createdAt: Date?
    public var jobId: String?
    public var jobStatus: JobStatus?
    public var jobType: JobType?
    public var lastRunErrorStatus: LastRunErrorStatus?
    public var name: String?
    public var userPausedDetails: UserPausedDetails?
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
