// The enum shapes that ListClassificationJobs and DescribeClassificationJob use, value for
// value from macie2-service-2.json. Each is a `ModelEnum`, so values the model does not list
// decode too and are reported as new.

/// `JobStatus`: the status of a classification job.
public typealias JobStatus = ModelEnum<JobStatusValues>
public enum JobStatusValues: ModelEnumDefinition {
    public static let shapeName = "JobStatus"
    public static let knownValues = ["RUNNING", "PAUSED", "CANCELLED", "COMPLETE", "IDLE", "USER_PAUSED"]
}
extension ModelEnum where Definition == JobStatusValues {
    public static var running: Self { .init(rawValue: "RUNNING") }
    /// Paused by Macie, for example because a monthly sensitive-data-discovery quota was reached.
    public static var paused: Self { .init(rawValue: "PAUSED") }
    public static var cancelled: Self { .init(rawValue: "CANCELLED") }
    public static var complete: Self { .init(rawValue: "COMPLETE") }
    public static var idle: Self { .init(rawValue: "IDLE") }
    /// Paused by a user; Macie cancels it when `userPausedDetails.jobExpiresAt` passes.
    public static var userPaused: Self { .init(rawValue: "USER_PAUSED") }
}

/// `JobType`: run once or on a schedule.
public typealias JobType = ModelEnum<JobTypeValues>
public enum JobTypeValues: ModelEnumDefinition {
    public static let shapeName = "JobType"
    public static let knownValues = ["ONE_TIME", "SCHEDULED"]
}
extension ModelEnum where Definition == JobTypeValues {
    public static var oneTime: Self { .init(rawValue: "ONE_TIME") }
    public static var scheduled: Self { .init(rawValue: "SCHEDULED") }
}

/// `LastRunErrorStatusCode`: whether the last run hit account- or bucket-level errors.
public typealias LastRunErrorStatusCode = ModelEnum<LastRunErrorStatusCodeValues>
public enum LastRunErrorStatusCodeValues: ModelEnumDefinition {
    public static let shapeName = "LastRunErrorStatusCode"
    public static let knownValues = ["NONE", "ERROR"]
}
extension ModelEnum where Definition == LastRunErrorStatusCodeValues {
    /// `NONE`. Not called `none`, which would read as `Optional.none` wherever a code is optional.
    public static var noError: Self { .init(rawValue: "NONE") }
    public static var error: Self { .init(rawValue: "ERROR") }
}

/// `ManagedDataIdentifierSelector`: which managed data identifiers a job uses.
public typealias ManagedDataIdentifierSelector = ModelEnum<ManagedDataIdentifierSelectorValues>
public enum ManagedDataIdentifierSelectorValues: ModelEnumDefinition {
    public static let shapeName = "ManagedDataIdentifierSelector"
    public static let knownValues = ["ALL", "EXCLUDE", "INCLUDE", "NONE", "RECOMMENDED"]
}

/// `DayOfWeek`, for weekly schedules.
public typealias DayOfWeek = ModelEnum<DayOfWeekValues>
public enum DayOfWeekValues: ModelEnumDefinition {
    public static let shapeName = "DayOfWeek"
    public static let knownValues = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]
}

/// `JobComparator`: the operators of filter, bucket and scope criteria.
public typealias JobComparator = ModelEnum<JobComparatorValues>
public enum JobComparatorValues: ModelEnumDefinition {
    public static let shapeName = "JobComparator"
    public static let knownValues = ["EQ", "GT", "GTE", "LT", "LTE", "NE", "CONTAINS", "STARTS_WITH"]
}

/// `SimpleCriterionKeyForJob`: bucket properties a job's bucket criteria can test.
public typealias SimpleCriterionKeyForJob = ModelEnum<SimpleCriterionKeyForJobValues>
public enum SimpleCriterionKeyForJobValues: ModelEnumDefinition {
    public static let shapeName = "SimpleCriterionKeyForJob"
    public static let knownValues = [
        "ACCOUNT_ID", "S3_BUCKET_NAME", "S3_BUCKET_EFFECTIVE_PERMISSION", "S3_BUCKET_SHARED_ACCESS",
    ]
}

/// `ScopeFilterKey`: object properties a job's scoping can test.
public typealias ScopeFilterKey = ModelEnum<ScopeFilterKeyValues>
public enum ScopeFilterKeyValues: ModelEnumDefinition {
    public static let shapeName = "ScopeFilterKey"
    public static let knownValues = ["OBJECT_EXTENSION", "OBJECT_LAST_MODIFIED_DATE", "OBJECT_SIZE", "OBJECT_KEY"]
}

/// `TagTarget`: what a tag scope term applies to.
public typealias TagTarget = ModelEnum<TagTargetValues>
public enum TagTargetValues: ModelEnumDefinition {
    public static let shapeName = "TagTarget"
    public static let knownValues = ["S3_OBJECT"]
}

/// `ListJobsFilterKey`: what ListClassificationJobs can filter on.
public typealias ListJobsFilterKey = ModelEnum<ListJobsFilterKeyValues>
public enum ListJobsFilterKeyValues: ModelEnumDefinition {
    public static let shapeName = "ListJobsFilterKey"
    public static let knownValues = ["jobType", "jobStatus", "createdAt", "name"]
}

/// `ListJobsSortAttributeName`: what ListClassificationJobs can sort by.
public typealias ListJobsSortAttributeName = ModelEnum<ListJobsSortAttributeNameValues>
public enum ListJobsSortAttributeNameValues: ModelEnumDefinition {
    public static let shapeName = "ListJobsSortAttributeName"
    public static let knownValues = ["createdAt", "jobStatus", "name", "jobType"]
}

/// `OrderBy`: sort direction.
public typealias OrderBy = ModelEnum<OrderByValues>
public enum OrderByValues: ModelEnumDefinition {
    public static let shapeName = "OrderBy"
    public static let knownValues = ["ASC", "DESC"]
}
