import Foundation

/// What happened, for tests: requests by operation, faults by kind, refused signatures.
public struct EmulatorCounters: Codable, Sendable, Equatable {
    /// Requests by operation (`ListClassificationJobs`, `ListMembers`, `GetCallerIdentity`, `AssumeRole`,
    /// `ListAccounts`, S3's `PutObject`, `GetObject`, `HeadObject`, `CreateMultipartUpload`, `UploadPart`,
    /// `CompleteMultipartUpload`, `AbortMultipartUpload`, `ListMultipartUploads`, SES v2's `SendEmail`,
    /// `unknown` for an unrouted one),
    /// counted before any check.
    public var requests: [String: Int] = [:]
    /// The same requests by who sent them, then by operation: the User-Agent's first product token
    /// (`macie-report`, `Boto3`, `Python-urllib`; `none` without the header), or for a presigned
    /// request (`X-Amz-Signature` in the query) `presigned:` and the key id that signed it, since
    /// whoever follows a link acts with the signer's permissions. Each client's counts add up to
    /// ``requests``; tests use it to tell the report's own calls from their setup's.
    public var requestsByClient: [String: [String: Int]] = [:]
    /// Injected faults by kind: `deniedRegion`, `rateLimit`, `drop`, `throttle`, `serverError`, `emptyPage`,
    /// `shortPage`, `repeatedToken`, `vanished`; for FilterLogEvents `deniedLogs`, `logsRateLimit`, `logsEmptyPage`; for GetFindingStatistics `deniedFindings`;
    /// for AssumeRole `deniedAssumeRole`; for S3 `deniedS3`, `s3FailPart`; for SES `deniedSES`;
    /// `unreadableSamples` when an account's files could not be read (HTTP 500), `unwritableOutbox` when
    /// `--ses-outbox` could not take a message (HTTP 500).
    public var faults: [String: Int] = [:]
    /// Answers the dataset called for, not a fault: `macieNotEnabled` (Macie off in the account-region),
    /// `assumeRoleDenied` (no such role, or it does not trust the caller), `organizationsNotInUse`,
    /// `organizationsDenied` (ListAccounts from outside, or from a member account), `expiredToken`.
    public var refusals: [String: Int] = [:]
    /// Requests refused for their signature, every service together.
    public var signatureFailures = 0
    /// ListClassificationJobs requests refused with a 400 ValidationException (body, filter, maxResults,
    /// or a token that is not this query's), and FilterLogEvents requests refused as invalid
    /// (InvalidParameterException, SerializationException) or for an unknown log group; and every
    /// other operation's 400 (ListMembers, ListAccounts, AssumeRole's ValidationError, S3's and SES's 400s).
    public var validationErrors = 0
    /// S3 multipart uploads created and neither completed nor aborted: a client that gave up on
    /// an upload without aborting it leaves one here (and S3 would bill its parts).
    public var pendingMultipartUploads = 0
}
