import Foundation

/// `DescribeClassificationJobRequest` — `GET /jobs/{jobId}`; the job id travels in the path.
public struct DescribeClassificationJobRequest: Codable, Hashable, Sendable {
    /// The job's unique identifier. It becomes a path segment of `GET /jobs/{jobId}`, so a caller
    /// must check that it is a job id (not empty, `.` or `..`) before building the URL.
    public var jobId: String
    /// The request for the job with this id.
    public init(jobId: String) { self.jobId = jobId }
}

/// `DescribeClassificationJobResponse`: the status and settings of one classification job.
///
/// Member for member from the service model; every member is optional because the API omits
/// whatever does not apply (no `lastRunTime` before the first run, no `scheduleFrequency` for
/// one-time jobs). Members the model does not know are ignored when decoding.
public struct DescribeClassificationJobResponse: Codable, Hashable, Sendable {
    /// The allow lists the job uses when it analyzes data, by id. Not in the reports.
    public var allowListIds: [String]?
    /// The idempotency token given when the job was created. Not in the reports.
    public var clientToken: String?
    /// When the job was created, in UTC.
    public var createdAt: Date?
    /// The custom data identifiers the job uses, by id; absent when it uses managed data
    /// identifiers only.
    public var customDataIdentifierIds: [String]?
    /// The job's custom description: free text from whoever created the job, so it may hold
    /// anything (markup, a formula, control characters) and every renderer escapes it.
    public var description: String?
    /// For a recurring job, whether it analyzed every existing eligible object right after it was
    /// created (true) or only objects created or changed since (false); false for a one-time job.
    public var initialRun: Bool?
    /// The job's ARN, `arn:aws:macie2:REGION:ACCOUNT:classification-job/ID`. The response has no
    /// account member: the reports take the job's account from here, so a job without an ARN
    /// (or with a malformed one) has no account in them.
    public var jobArn: String?
    /// The job's unique identifier; with the region, the key a job is known by in reports and history.
    public var jobId: String?
    /// The job's status now: RUNNING, PAUSED (by Macie, over a sensitive-data-discovery quota),
    /// USER_PAUSED (see ``userPausedDetails``), CANCELLED, COMPLETE (a one-time job that
    /// finished) or IDLE (a recurring job between runs). A value the model does not list decodes
    /// too, and the report flags it (see ``ModelEnum``).
    public var jobStatus: JobStatus?
    /// ONE_TIME or SCHEDULED; a scheduled job's recurrence is in ``scheduleFrequency``.
    public var jobType: JobType?
    /// Whether the job's last run (for a recurring job, its most recent one) hit account- or
    /// bucket-level access errors. `ERROR` means Macie did not process all the data the job
    /// specifies: what the report's attention list and `--fail-on error` are about.
    public var lastRunErrorStatus: LastRunErrorStatus?
    /// When the job's most recent run started, in UTC (for a recurring job that has not run yet,
    /// when it was created). Absent before a first run.
    public var lastRunTime: Date?
    /// The managed data identifiers the job explicitly includes or excludes, as
    /// ``managedDataIdentifierSelector`` says; absent for ALL, NONE and RECOMMENDED.
    public var managedDataIdentifierIds: [String]?
    /// Which managed data identifiers the job uses: ALL, EXCLUDE or INCLUDE (those in
    /// ``managedDataIdentifierIds``), NONE (custom ones only) or RECOMMENDED. Absent
    /// means the recommended set.
    public var managedDataIdentifierSelector: ManagedDataIdentifierSelector?
    /// The job's custom name: free text like ``description``, escaped wherever it is shown, and not
    /// necessarily unique (the reports tell jobs apart by ``jobId``).
    public var name: String?
    /// Which buckets the job analyzes (a fixed list, or criteria evaluated at each run) and which
    /// objects in them.
    public var s3JobDefinition: S3JobDefinition?
    /// The sampling depth: the percentage of eligible objects the job analyzes.
    public var samplingPercentage: Int?
    /// A recurring job's schedule (daily, weekly or monthly); absent for a one-time job.
    public var scheduleFrequency: JobScheduleFrequency?
    /// How many times the job has run, and how many objects its current run still has to process.
    public var statistics: Statistics?
    /// The job's tags, key to value. Free text, escaped like ``name``.
    public var tags: [String: String]?
    /// Present only while ``jobStatus`` is USER_PAUSED: when the job was paused and when Macie
    /// cancels it (or its run) unless it is resumed first, the date that "expiring soon" is
    /// measured against.
    public var userPausedDetails: UserPausedDetails?

    /// A job with these members, each absent unless given, as the API omits whatever does not
    /// apply (tests and the emulator build jobs this way).
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
    /// `ERROR` when one or more errors occurred and Macie did not process all the data the job
    /// specifies, `NONE` when it processed it all. A job without a code counts as `(none)` in the
    /// summaries, never as NONE.
    public var code: LastRunErrorStatusCode?
    /// The status with this code (none by default).
    public init(code: LastRunErrorStatusCode? = nil) { self.code = code }
}

/// `Statistics`: processing figures; doubles in the model even where they count things.
public struct Statistics: Codable, Hashable, Sendable {
    /// Roughly how many objects the job's current run still has to process. A double in
    /// the model, so it decodes from any JSON number.
    public var approximateNumberOfObjectsToProcess: Double?
    /// How many times the job has run. A double in the model although it counts, so it decodes
    /// from any JSON number.
    public var numberOfRuns: Double?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(approximateNumberOfObjectsToProcess: Double? = nil, numberOfRuns: Double? = nil) {
        self.approximateNumberOfObjectsToProcess = approximateNumberOfObjectsToProcess
        self.numberOfRuns = numberOfRuns
    }
}

/// `UserPausedDetails`: when a user paused the job and when Macie will cancel it.
public struct UserPausedDetails: Codable, Hashable, Sendable {
    /// When the job (for a recurring job, the paused run) expires and is cancelled unless it is
    /// resumed first, in UTC: what `--expiry-window-days` is measured against.
    public var jobExpiresAt: Date?
    /// The AWS Health event Macie sent about the coming expiry; absent while the job has
    /// been paused for less than 23 days.
    public var jobImminentExpirationHealthEventArn: String?
    /// When the job was paused, in UTC.
    public var jobPausedAt: Date?
    /// A value with these members, each absent unless given (the API omits what does not apply).
    public init(jobExpiresAt: Date? = nil, jobImminentExpirationHealthEventArn: String? = nil, jobPausedAt: Date? = nil) {
        self.jobExpiresAt = jobExpiresAt
        self.jobImminentExpirationHealthEventArn = jobImminentExpirationHealthEventArn
        self.jobPausedAt = jobPausedAt
    }
}

/// `JobScheduleFrequency`: exactly one of the three schedules is set for a SCHEDULED job.
public struct JobScheduleFrequency: Codable, Hashable, Sendable {
    /// Set (and empty) for a job that runs every day.
    public var dailySchedule: DailySchedule?
    /// Set for a job that runs once a month.
    public var monthlySchedule: MonthlySchedule?
    /// Set for a job that runs once a week.
    public var weeklySchedule: WeeklySchedule?
    /// A schedule; give exactly one of the three, as the API does.
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
    /// The daily schedule (it has no members).
    public init() {}
}

/// `MonthlySchedule`: the day of the month the job runs.
public struct MonthlySchedule: Codable, Hashable, Sendable {
    /// The day of the month the job runs, 1 to 31. In a month without that day (the 31st in
    /// April) Macie does not run the job at all.
    public var dayOfMonth: Int?
    /// A monthly schedule on this day.
    public init(dayOfMonth: Int? = nil) { self.dayOfMonth = dayOfMonth }
}

/// `WeeklySchedule`: the day of the week the job runs.
public struct WeeklySchedule: Codable, Hashable, Sendable {
    /// The day of the week the job runs.
    public var dayOfWeek: DayOfWeek?
    /// A weekly schedule on this day.
    public init(dayOfWeek: DayOfWeek? = nil) { self.dayOfWeek = dayOfWeek }
}
