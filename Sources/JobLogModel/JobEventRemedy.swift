/// What to do about each error a job's log events report, one short line in our own words,
/// from the facts in Macie's documentation on monitoring jobs with CloudWatch Logs.
public enum JobEventRemedy {
    /// The line for `type`; a type Macie's documentation does not list gets a line that says so.
    public static func line(for type: JobEventType) -> String {
        remedies[type.rawValue]
            ?? "Macie's documentation does not list this event type; read the event's description in errors.csv."
    }

    /// The line for an event that could not be read as a Macie job event.
    public static let unparsed =
        "The log event is not a Macie job event macie-report can read; its raw text is in errors.csv."

    static let remedies: [String: String] = [
        "ACCOUNT_ACCESS_DENIED":
            "Macie may not read S3 in the account: check that Macie's service-linked role exists there and that no SCP or permissions boundary denies it.",
        "ACCOUNT_DISABLED":
            "Macie is disabled in the account: enable it there (or ask the account's owner to), or remove the account from the job.",
        "ACCOUNT_DISASSOCIATED":
            "The account is no longer a Macie member of your administrator account: associate it again, or remove it from the job.",
        "ACCOUNT_ISOLATED": "AWS isolated the account, so Macie cannot read its buckets: contact AWS Support about the account.",
        "ACCOUNT_REGION_DISABLED":
            "The account has not enabled this region: opt the account in to the region, or remove it from the job.",
        "ACCOUNT_SUSPENDED":
            "Macie is suspended in the account (or the account is): resume Macie there; the job skips it until then.",
        "ACCOUNT_TERMINATED": "The account was closed: remove it from the job.",
        "BUCKET_ACCESS_DENIED":
            "A bucket policy (or SCP) denies Macie's service-linked role: allow AWSServiceRoleForAmazonMacie to read the bucket and its objects.",
        "BUCKET_DETAILS_UNAVAILABLE":
            "A temporary problem kept Macie from reading the bucket's details: the next run tries again; if it repeats, contact AWS Support.",
        "BUCKET_DOES_NOT_EXIST": "The bucket was deleted: remove it from the job's bucket list.",
        "BUCKET_IN_DIFFERENT_REGION":
            "The bucket is now in another region than the job: analyse it with a job in the bucket's region.",
        "BUCKET_OWNER_CHANGED":
            "The bucket now belongs to another account: remove it from the job, or analyse it from its new owner's Macie.",
        "JOB_PAUSED_BY_MACIE_SERVICE_QUOTA_MET":
            "Macie paused the job when the account reached its monthly sensitive data discovery quota: raise the quota, or let Macie resume it when the quota resets.",
        "JOB_CANCELLED":
            "The job was cancelled (see the description, e.g. paused longer than 30 days): create a new job if its buckets still need analysing.",
    ]
}
