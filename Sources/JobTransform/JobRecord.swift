import Foundation
import JobFetch
import Macie2Model

/// One classification job, flattened to what the reports show: one row of jobs.csv.
///
/// Built from a DescribeClassificationJob response and the region it came from. Absent
/// members stay `nil` (an empty cell), never a made-up default; enum values keep the exact
/// text the API sent, known or not.
public struct JobRecord: Sendable, Hashable {
    /// The job's account, read from `jobArn` (the API has no separate member for it).
    public var accountId: String?
    public var region: String
    /// The account of the scope the job was read in (the walk's credentials), when known.
    /// The same as ``accountId`` for real data, since only the creating account sees a job.
    public var scopeAccountId: String?
    public var jobId: String?
    public var name: String?
    public var jobType: JobType?
    public var jobStatus: JobStatus?
    /// `lastRunErrorStatus.code`; `nil` when the job has never reported one.
    public var lastRunErrorStatus: LastRunErrorStatusCode?
    public var createdAt: Date?
    public var lastRunTime: Date?
    /// `statistics.numberOfRuns`, a double in the model.
    public var numberOfRuns: Double?
    public var jobArn: String?
    /// `DAILY`, `WEEKLY MONDAY` or `MONTHLY 15`; `nil` for one-time jobs.
    public var schedule: String?
    public var samplingPercentage: Int?
    /// Buckets named in `bucketDefinitions`; `nil` when the job selects buckets by criteria.
    public var bucketCount: Int?
    /// Accounts owning the buckets in `bucketDefinitions`, in the API's order, without repeats.
    public var bucketAccounts: [String]
    /// The job's `bucketCriteria`, written out, for jobs that select buckets at run time.
    public var bucketCriteria: String?
    public var managedDataIdentifierSelector: ManagedDataIdentifierSelector?
    public var jobPausedAt: Date?
    /// When Macie will cancel a user-paused job.
    public var jobExpiresAt: Date?
    public var approximateNumberOfObjectsToProcess: Double?
    /// The job's tags, kept as canonical JSON text (one small string per job rather than a
    /// dictionary, since a 100 000-job report holds every record at once; and the form the
    /// CSV and XLSX write, computed once instead of once per format).
    public var tags: JobTags
    public var description: String?
    /// Why this row should be read with care: an enum value the model does not list, a job
    /// that vanished before it could be described, an ARN that does not parse.
    public var caveats: [String]
    /// Why the last run failed or the job stopped, from its log events; `nil` when they were
    /// not looked up (the job needed no explaining, `--no-job-logs`, or samples without them).
    public var lastRunErrors: JobLastRunErrors?
    /// The job's finding counts by severity; `nil` when they are not known (not read, or the
    /// findings call failed in its scope): an empty cell, never 0.
    public var findings: FindingCounts?

    public init(
        accountId: String? = nil, region: String, scopeAccountId: String? = nil, jobId: String? = nil, name: String? = nil,
        jobType: JobType? = nil, jobStatus: JobStatus? = nil, lastRunErrorStatus: LastRunErrorStatusCode? = nil,
        createdAt: Date? = nil, lastRunTime: Date? = nil, numberOfRuns: Double? = nil, jobArn: String? = nil,
        schedule: String? = nil, samplingPercentage: Int? = nil, bucketCount: Int? = nil,
        bucketAccounts: [String] = [], bucketCriteria: String? = nil,
        managedDataIdentifierSelector: ManagedDataIdentifierSelector? = nil, jobPausedAt: Date? = nil,
        jobExpiresAt: Date? = nil, approximateNumberOfObjectsToProcess: Double? = nil,
        tags: [String: String] = [:], description: String? = nil, caveats: [String] = []
    ) {
        self.accountId = accountId
        self.region = region
        self.scopeAccountId = scopeAccountId
        self.jobId = jobId
        self.name = name
        self.jobType = jobType
        self.jobStatus = jobStatus
        self.lastRunErrorStatus = lastRunErrorStatus
        self.createdAt = createdAt
        self.lastRunTime = lastRunTime
        self.numberOfRuns = numberOfRuns
        self.jobArn = jobArn
        self.schedule = schedule
        self.samplingPercentage = samplingPercentage
        self.bucketCount = bucketCount
        self.bucketAccounts = bucketAccounts
        self.bucketCriteria = bucketCriteria
        self.managedDataIdentifierSelector = managedDataIdentifierSelector
        self.jobPausedAt = jobPausedAt
        self.jobExpiresAt = jobExpiresAt
        self.approximateNumberOfObjectsToProcess = approximateNumberOfObjectsToProcess
        self.tags = JobTags(tags)
        self.description = description
        self.caveats = caveats
    }

    /// The account and region the job was read in.
    public var scope: Scope { Scope(accountId: scopeAccountId, region: region) }
}
