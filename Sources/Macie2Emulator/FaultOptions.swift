import Foundation

/// How the emulator misbehaves, from its command line. Every rate is a probability per
/// request; all draws come from one generator seeded by `seed`, so a sequential client sees
/// the same faults on every run.
public struct FaultOptions: Sendable {
    /// Added to every response, in milliseconds, plus up to `latencyJitterMs` more.
    public var latencyMs: Int = 0
    /// Up to this many more milliseconds per response, drawn from the seeded generator.
    public var latencyJitterMs: Int = 0
    /// ThrottlingException (429).
    public var throttleRate: Double = 0
    /// InternalServerException (500).
    public var serverErrorRate: Double = 0
    /// The connection is closed without a response.
    public var dropRate: Double = 0
    /// Requests per second a token bucket allows (burst of the same size); over it, 429.
    public var rateLimit: Double?
    /// Regions that answer every request with AccessDeniedException (403).
    public var deniedRegions: Set<String> = []
    /// Jobs that ListClassificationJobs returns but DescribeClassificationJob says are gone.
    public var vanishedJobs: Set<String> = []
    /// Share of jobs (chosen by the seed) that vanish the same way.
    public var vanishRate: Double = 0
    /// Share of list pages cut short (fewer items than asked, with a nextToken).
    public var shortPageRate: Double = 0
    /// Share of list pages that are empty but still carry a nextToken.
    public var emptyPageRate: Double = 0
    /// The most items a page holds, whatever maxResults asks (the service's own cap).
    public var pageSizeCap = 200
    /// A broken paginator: every page after the first returns the very token it was asked
    /// with, forever. A client must notice rather than loop.
    public var repeatTokens = false
    /// FilterLogEvents: this many empty pages, each with a nextToken, before each job's events.
    public var logsEmptyPages = 0
    /// FilterLogEvents: the most events a page holds, whatever `limit` asks.
    public var logsPageSize = 10_000
    /// FilterLogEvents: requests per second per account and region (token bucket, burst of the
    /// same size); over it, ThrottlingException (400), as CloudWatch Logs' own quota answers.
    public var logsRate: Double?
    /// Regions whose FilterLogEvents answers AccessDeniedException (400), as a missing
    /// `logs:FilterLogEvents` permission does; Macie2 still answers there.
    public var deniedLogsRegions: Set<String> = []
    /// Regions whose GetFindingStatistics answers AccessDeniedException (403), as a policy
    /// without `macie2:GetFindingStatistics` does; the jobs are still listed and described there.
    public var deniedFindingsRegions: Set<String> = []
    /// Accounts into which every AssumeRole is refused (AccessDenied), whatever their roles
    /// trust: an account whose role was deleted or changed since the recording.
    public var deniedAssumeRoleAccounts: Set<String> = []
    /// Seconds the credentials AssumeRole issues stay valid, whatever `DurationSeconds` asked
    /// (`nil`: as asked, one hour by default); after it, requests with them are ExpiredToken.
    public var sessionLifetime: Int?
    /// The HTTP status of "Macie is not enabled" (AccessDeniedException). 401 is what Macie2 was
    /// seen to send on the wire; 403 is what the model gives AccessDeniedException, so a client
    /// can be tested against both.
    public var macieOffStatus = 401
    /// S3: every write that needs `s3:PutObject` (PutObject, CreateMultipartUpload, UploadPart,
    /// CompleteMultipartUpload) answers AccessDenied (403), as a bucket policy without it does.
    /// AbortMultipartUpload, a permission of its own, still works, so a client can clean up.
    public var denyS3 = false
    /// S3: UploadPart of this part number answers InternalError (500) every time, so a client's
    /// retries give up and it has to abort the upload.
    public var s3FailPart: Int?
    /// SES v2: SendEmail answers AccessDeniedException (403), as a policy without
    /// `ses:SendEmail` does.
    public var denySES = false
    /// Seeds every draw (faults, jitter, which jobs vanish): the same seed and request order give the same faults.
    public var seed: UInt64 = 1

    /// A well-behaved endpoint: no faults, no latency. Set the members wanted.
    public init() {}
}
