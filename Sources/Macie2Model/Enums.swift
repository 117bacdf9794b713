// The enum shapes that ListClassificationJobs, DescribeClassificationJob and GetFindingStatistics use, value for
// value from macie2-service-2.json. Each is a `ModelEnum`, so values the model does not list
// decode too and are reported as new.

/// `JobStatus`: the status of a classification job.
public typealias JobStatus = ModelEnum<JobStatusValues>
/// The values the model lists for ``JobStatus`` (see ``ModelEnumDefinition``).
public enum JobStatusValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "JobStatus"
    /// The model's values, in the model's order (the order the reports list them in).
    public static let knownValues = ["RUNNING", "PAUSED", "CANCELLED", "COMPLETE", "IDLE", "USER_PAUSED"]
}
extension ModelEnum where Definition == JobStatusValues {
    /// A one-time job in progress, or a recurring job's scheduled run in progress.
    public static var running: Self { .init(rawValue: "RUNNING") }
    /// Paused by Macie, for example because a monthly sensitive-data-discovery quota was reached.
    public static var paused: Self { .init(rawValue: "PAUSED") }
    /// Cancelled by a user, or a one-time job paused and not resumed within 30 days.
    public static var cancelled: Self { .init(rawValue: "CANCELLED") }
    /// A one-time job that finished processing its data (never a recurring job).
    public static var complete: Self { .init(rawValue: "COMPLETE") }
    /// A recurring job between runs: the last finished, the next is pending.
    public static var idle: Self { .init(rawValue: "IDLE") }
    /// Paused by a user; Macie cancels it when `userPausedDetails.jobExpiresAt` passes.
    public static var userPaused: Self { .init(rawValue: "USER_PAUSED") }
}

/// `JobType`: run once or on a schedule.
public typealias JobType = ModelEnum<JobTypeValues>
/// The values the model lists for ``JobType`` (see ``ModelEnumDefinition``).
public enum JobTypeValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "JobType"
    /// The model's values, in the model's order (the order the reports list them in).
    public static let knownValues = ["ONE_TIME", "SCHEDULED"]
}
extension ModelEnum where Definition == JobTypeValues {
    /// Runs once.
    public static var oneTime: Self { .init(rawValue: "ONE_TIME") }
    /// Runs daily, weekly or monthly (see ``DescribeClassificationJobResponse/scheduleFrequency``).
    public static var scheduled: Self { .init(rawValue: "SCHEDULED") }
}

/// `LastRunErrorStatusCode`: whether the last run hit account- or bucket-level errors.
public typealias LastRunErrorStatusCode = ModelEnum<LastRunErrorStatusCodeValues>
/// The values the model lists for ``LastRunErrorStatusCode`` (see ``ModelEnumDefinition``).
public enum LastRunErrorStatusCodeValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "LastRunErrorStatusCode"
    /// The model's values, in the model's order (the order the reports list them in).
    public static let knownValues = ["NONE", "ERROR"]
}
extension ModelEnum where Definition == LastRunErrorStatusCodeValues {
    /// `NONE`. Not called `none`, which would read as `Optional.none` wherever a code is optional.
    public static var noError: Self { .init(rawValue: "NONE") }
    /// One or more account- or bucket-level errors: Macie did not process all the job's data.
    public static var error: Self { .init(rawValue: "ERROR") }
}

/// `ManagedDataIdentifierSelector`: which managed data identifiers a job uses.
public typealias ManagedDataIdentifierSelector = ModelEnum<ManagedDataIdentifierSelectorValues>
/// The values the model lists for ``ManagedDataIdentifierSelector`` (see ``ModelEnumDefinition``).
public enum ManagedDataIdentifierSelectorValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "ManagedDataIdentifierSelector"
    /// The model's values, in the model's order (the order the reports list them in).
    public static let knownValues = ["ALL", "EXCLUDE", "INCLUDE", "NONE", "RECOMMENDED"]
}

/// `DayOfWeek`, for weekly schedules.
public typealias DayOfWeek = ModelEnum<DayOfWeekValues>
/// The values the model lists for ``DayOfWeek`` (see ``ModelEnumDefinition``).
public enum DayOfWeekValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "DayOfWeek"
    /// The model's values, in the model's order (the order the reports list them in).
    public static let knownValues = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]
}

/// `JobComparator`: the operators of filter, bucket and scope criteria.
public typealias JobComparator = ModelEnum<JobComparatorValues>
/// The values the model lists for ``JobComparator`` (see ``ModelEnumDefinition``).
public enum JobComparatorValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "JobComparator"
    /// The model's values, in the model's order (the order the reports list them in).
    public static let knownValues = ["EQ", "GT", "GTE", "LT", "LTE", "NE", "CONTAINS", "STARTS_WITH"]
}

/// `SimpleCriterionKeyForJob`: bucket properties a job's bucket criteria can test.
public typealias SimpleCriterionKeyForJob = ModelEnum<SimpleCriterionKeyForJobValues>
/// The values the model lists for ``SimpleCriterionKeyForJob`` (see ``ModelEnumDefinition``).
public enum SimpleCriterionKeyForJobValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "SimpleCriterionKeyForJob"
    /// The model's values, in the model's order (the order the reports list them in).
    public static let knownValues = [
        "ACCOUNT_ID", "S3_BUCKET_NAME", "S3_BUCKET_EFFECTIVE_PERMISSION", "S3_BUCKET_SHARED_ACCESS",
    ]
}

/// `ScopeFilterKey`: object properties a job's scoping can test.
public typealias ScopeFilterKey = ModelEnum<ScopeFilterKeyValues>
/// The values the model lists for ``ScopeFilterKey`` (see ``ModelEnumDefinition``).
public enum ScopeFilterKeyValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "ScopeFilterKey"
    /// The model's values, in the model's order (the order the reports list them in).
    public static let knownValues = ["OBJECT_EXTENSION", "OBJECT_LAST_MODIFIED_DATE", "OBJECT_SIZE", "OBJECT_KEY"]
}

/// `TagTarget`: what a tag scope term applies to.
public typealias TagTarget = ModelEnum<TagTargetValues>
/// The values the model lists for ``TagTarget`` (see ``ModelEnumDefinition``).
public enum TagTargetValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "TagTarget"
    /// The model's values, in the model's order (the order the reports list them in).
    public static let knownValues = ["S3_OBJECT"]
}

/// `ListJobsFilterKey`: what ListClassificationJobs can filter on.
public typealias ListJobsFilterKey = ModelEnum<ListJobsFilterKeyValues>
/// The values the model lists for ``ListJobsFilterKey`` (see ``ModelEnumDefinition``).
public enum ListJobsFilterKeyValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "ListJobsFilterKey"
    /// The model's values, in the model's order (the order the reports list them in).
    public static let knownValues = ["jobType", "jobStatus", "createdAt", "name"]
}

/// `ListJobsSortAttributeName`: what ListClassificationJobs can sort by.
public typealias ListJobsSortAttributeName = ModelEnum<ListJobsSortAttributeNameValues>
/// The values the model lists for ``ListJobsSortAttributeName`` (see ``ModelEnumDefinition``).
public enum ListJobsSortAttributeNameValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "ListJobsSortAttributeName"
    /// The model's values, in the model's order (the order the reports list them in).
    public static let knownValues = ["createdAt", "jobStatus", "name", "jobType"]
}

/// `OrderBy`: sort direction.
public typealias OrderBy = ModelEnum<OrderByValues>
/// The values the model lists for ``OrderBy`` (see ``ModelEnumDefinition``).
public enum OrderByValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "OrderBy"
    /// The model's values, in the model's order (the order the reports list them in).
    public static let knownValues = ["ASC", "DESC"]
}

/// `GroupBy`: the finding property GetFindingStatistics groups its counts by.
public typealias GroupBy = ModelEnum<GroupByValues>
/// The values the model lists for ``GroupBy`` (see ``ModelEnumDefinition``).
public enum GroupByValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "GroupBy"
    /// The model's values, in the model's order.
    public static let knownValues = [
        "resourcesAffected.s3Bucket.name", "type", "classificationDetails.jobId", "severity.description",
    ]
}
extension ModelEnum where Definition == GroupByValues {
    /// One count per S3 bucket the findings apply to.
    public static var bucketName: Self { .init(rawValue: "resourcesAffected.s3Bucket.name") }
    /// One count per finding type, such as `SensitiveData:S3Object/Personal`.
    public static var findingType: Self { .init(rawValue: "type") }
    /// One count per classification job that produced the findings.
    public static var jobId: Self { .init(rawValue: "classificationDetails.jobId") }
    /// One count per severity: `High`, `Medium` or `Low`.
    public static var severity: Self { .init(rawValue: "severity.description") }
}

/// `FindingStatisticsSortAttributeName`: what GetFindingStatistics can sort its groups by.
public typealias FindingStatisticsSortAttributeName = ModelEnum<FindingStatisticsSortAttributeNameValues>
/// The values the model lists for ``FindingStatisticsSortAttributeName`` (see ``ModelEnumDefinition``).
public enum FindingStatisticsSortAttributeNameValues: ModelEnumDefinition {
    /// The shape name, for diagnostics about values it does not list.
    public static let shapeName = "FindingStatisticsSortAttributeName"
    /// The model's values, in the model's order.
    public static let knownValues = ["groupKey", "count"]
}
extension ModelEnum where Definition == FindingStatisticsSortAttributeNameValues {
    /// By the group's name (a job id, a severity).
    public static var groupKey: Self { .init(rawValue: "groupKey") }
    /// By the number of findings in the group.
    public static var count: Self { .init(rawValue: "count") }
}
