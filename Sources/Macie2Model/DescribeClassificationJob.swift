import Foundation

/// `DescribeClassificationJobRequest` — `GET /jobs/{jobId}`; the job id travels in the path.
public struct DescribeClassificationJobRequest: Codable, Hashable, Sendable {
    public var jobId: String
    public init(jobId: String) { self.jobId = jobId }
}

/// `DescribeClassificationJobResponse`: the status and settings of one classification job.
///
/// Member for member from the service model; every member is optional because the API omits
/// whatever does not apply (no `lastRunTime` before the first run, no `scheduleFrequency` for
/// one-time jobs). Members the model does not know are ignored when decoding.
public struct DescribeClassificationJobResponse: Codable, Hashable, Sendable {
    public var allowListIds: [String]?
    public var clientToken: String?
    public var createdAt: Date?
    public var customDataIdentifierIds: [String]?
    public var description: String?
    public var initialRun: Bool?
    public var jobArn: String?
    public var jobId: String?
    public var jobStatus: JobStatus?
    public var jobType: JobType?
    public var lastRunErrorStatus: LastRunErrorStatus?
    public var lastRunTime: Date?
    public var managedDataIdentifierIds: [String]?
    public var managedDataIdentifierSelector: ManagedDataIdentifierSelector?
    public var name: String?
    public var s3JobDefinition: S3JobDefinition?
    public var samplingPercentage: Int?
    public var scheduleFrequency: JobScheduleFrequency?
    public var statistics: Statistics?
    public var tags: [String: String]?
    public var userPausedDetails: UserPausedDetails?

    public init(
        allowListIds: [String]? = nil, clientToken: String? = nil, createdAt: Date? = nil,
        customDataIdentifierIds: [String]? = nil, description: String? = nil, initialRun: Bool? = nil,
        jobArn: String? = nil, jobId: String? = nil, jobStatus: JobStatus? = nil, jobType: JobType? = nil,
        lastRunErrorStatus: LastRunErrorStatus? = nil, lastRunTime: Date? = nil,
        managedDataIdentifierIds: [String]? = nil,
        managedDataIdentifierSelector: ManagedDataIdentifierSelector? = nil, name: String? = nil,
        s3JobDefinition: S3JobDefinition? = nil, samplingPercentage: Int? = nil,
        scheduleFrequency: JobScheduleFrequency? = nil, statistics: Statistics? = nil,
        tags: [String: String]? = nil, userPausedDetails: UserPausedDetails? = nil
    ) {
        self.allowListIds = allowListIds
        self.clientToken = clientToken
        self.createdAt = createdAt
        self.customDataIdentifierIds = customDataIdentifierIds
        self.description = description
        self.initialRun = initialRun
        self.jobArn = jobArn
        self.jobId = jobId
        self.jobStatus = jobStatus
        self.jobType = jobType
        self.lastRunErrorStatus = lastRunErrorStatus
        self.lastRunTime = lastRunTime
        self.managedDataIdentifierIds = managedDataIdentifierIds
        self.managedDataIdentifierSelector = managedDataIdentifierSelector
        self.name = name
        self.s3JobDefinition = s3JobDefinition
        self.samplingPercentage = samplingPercentage
        self.scheduleFrequency = scheduleFrequency
        self.statistics = statistics
        self.tags = tags
        self.userPausedDetails = userPausedDetails
    }
}

/// `LastRunErrorStatus`: whether the job's last run hit account- or bucket-level errors.
public struct LastRunErrorStatus: Codable, Hashable, Sendable {
    public var code: LastRunErrorStatusCode?
    public init(code: LastRunErrorStatusCode? = nil) { self.code = code }
}

/// `Statistics`: processing figures; doubles in the model even where they count things.
public struct Statistics: Codable, Hashable, Sendable {
    public var approximateNumberOfObjectsToProcess: Double?
    public var numberOfRuns: Double?
    public init(approximateNumberOfObjectsToProcess: Double? = nil, numberOfRuns: Double? = nil) {
        self.approximateNumberOfObjectsToProcess = approximateNumberOfObjectsToProcess
        self.numberOfRuns = numberOfRuns
    }
}

/// `UserPausedDetails`: when a user paused the job and when Macie will cancel it.
public struct UserPausedDetails: Codable, Hashable, Sendable {
    public var jobExpiresAt: Date?
    public var jobImminentExpirationHealthEventArn: String?
    public var jobPausedAt: Date?
    public init(jobExpiresAt: Date? = nil, jobImminentExpirationHealthEventArn: String? = nil, jobPausedAt: Date? = nil) {
        self.jobExpiresAt = jobExpiresAt
        self.jobImminentExpirationHealthEventArn = jobImminentExpirationHealthEventArn
        self.jobPausedAt = jobPausedAt
    }
}

/// `JobScheduleFrequency`: exactly one of the three schedules is set for a SCHEDULED job.
public struct JobScheduleFrequency: Codable, Hashable, Sendable {
    public var dailySchedule: DailySchedule?
    public var monthlySchedule: MonthlySchedule?
    public var weeklySchedule: WeeklySchedule?
    public init(
        dailySchedule: DailySchedule? = nil, monthlySchedule: MonthlySchedule? = nil, weeklySchedule: WeeklySchedule? = nil
    ) {
        self.dailySchedule = dailySchedule
        self.monthlySchedule = monthlySchedule
        self.weeklySchedule = weeklySchedule
    }
}

/// `DailySchedule`: an empty structure; its presence means "every day".
public struct DailySchedule: Codable, Hashable, Sendable {
    public init() {}
}

/// `MonthlySchedule`: the day of the month the job runs.
public struct MonthlySchedule: Codable, Hashable, Sendable {
    public var dayOfMonth: Int?
    public init(dayOfMonth: Int? = nil) { self.dayOfMonth = dayOfMonth }
}

/// `WeeklySchedule`: the day of the week the job runs.
public struct WeeklySchedule: Codable, Hashable, Sendable {
    public var dayOfWeek: DayOfWeek?
    public init(dayOfWeek: DayOfWeek? = nil) { self.dayOfWeek = dayOfWeek }
}
