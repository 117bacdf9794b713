import Macie2Model

/// The `eventType` values Macie's documentation lists for classification job log events,
/// in the order reports show them: account-level errors, bucket-level errors, then status
/// changes. Values not listed are kept verbatim and flagged, as the model's enums are.
public enum JobEventTypeDefinition: ModelEnumDefinition {
    public static let shapeName = "job log eventType"
    public static let accountErrors = [
        "ACCOUNT_ACCESS_DENIED", "ACCOUNT_DISABLED", "ACCOUNT_DISASSOCIATED", "ACCOUNT_ISOLATED", "ACCOUNT_REGION_DISABLED",
        "ACCOUNT_SUSPENDED", "ACCOUNT_TERMINATED",
    ]
    public static let bucketErrors = [
        "BUCKET_ACCESS_DENIED", "BUCKET_DETAILS_UNAVAILABLE", "BUCKET_DOES_NOT_EXIST", "BUCKET_IN_DIFFERENT_REGION",
        "BUCKET_OWNER_CHANGED",
    ]
    /// The status changes that explain why a job stopped, kept as its reason.
    public static let statusReasons = ["JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET", "JOB_CANCELLED"]
    public static let otherStatusChanges = [
        "JOB_CREATED", "ONE_TIME_JOB_STARTED", "SCHEDULED_RUN_STARTED", "BUCKET_MATCHED_THE_CRITERIA",
        "NO_BUCKETS_MATCHED_THE_CRITERIA", "SCHEDULED_RUN_COMPLETED", "JOB_PAUSED_BY_USER", "JOB_RESUMED_BY_USER",
        "JOB_RESUMED_BY_MACIE_SERVICE_QUOTA_LIFTED", "JOB_COMPLETED",
    ]
    public static let knownValues = accountErrors + bucketErrors + statusReasons + otherStatusChanges
    /// Status changes after which an earlier quota pause no longer explains the job.
    public static let endsQuotaPause: Set<String> = [
        "JOB_RESUMED_BY_MACIE_SERVICE_QUOTA_LIFTED", "JOB_RESUMED_BY_USER", "JOB_PAUSED_BY_USER",
    ]
}

/// A job log event's `eventType`, any string kept as sent.
public typealias JobEventType = ModelEnum<JobEventTypeDefinition>

/// How far an error reaches: the `errorLevel` column of errors.csv.
public enum JobEventLevel: String, Sendable, Hashable, CaseIterable {
    /// A whole account's buckets were skipped.
    case account
    /// One bucket was skipped.
    case bucket
    /// The job itself stopped: paused by Macie at a quota, or cancelled.
    case status
    /// The message is not a Macie job event (not JSON, or no `eventType`); kept raw.
    case unparsed
}

extension JobEventType {
    public static let pausedByQuota = JobEventType(rawValue: "JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET")
    public static let cancelled = JobEventType(rawValue: "JOB_CANCELLED")

    /// The level of an event of this type, or `nil` for a status change that explains
    /// nothing (JOB_CREATED, runs starting and completing, a user pausing). An unknown type
    /// is placed by its prefix, or by whether it names an affected bucket or account, and
    /// is kept as a status event otherwise, so nothing new is dropped.
    public func level(affectedResource: Bool = false, affectedAccount: Bool = false) -> JobEventLevel? {
        let definition = JobEventTypeDefinition.self
        if definition.accountErrors.contains(rawValue) { return .account }
        if definition.bucketErrors.contains(rawValue) { return .bucket }
        if definition.statusReasons.contains(rawValue) { return .status }
        if definition.otherStatusChanges.contains(rawValue) { return nil }
        if rawValue.hasPrefix("BUCKET_") || affectedResource { return .bucket }
        if rawValue.hasPrefix("ACCOUNT_") || affectedAccount { return .account }
        return .status
    }
}
