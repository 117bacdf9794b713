import Foundation

/// What happened, for tests: requests by operation, faults by kind, refused signatures.
public struct EmulatorCounters: Codable, Sendable, Equatable {
    /// Requests by operation (`ListClassificationJobs`, `ListMembers`, `GetCallerIdentity`, `AssumeRole`,
    /// `ListAccounts`, `unknown` for an unrouted one),
    /// counted before any check.
    public var requests: [String: Int] = [:]
    /// Injected faults by kind: `deniedRegion`, `rateLimit`, `drop`, `throttle`, `serverError`, `emptyPage`,
    /// `shortPage`, `repeatedToken`, `vanished`; for FilterLogEvents `deniedLogs`, `logsRateLimit`, `logsEmptyPage`; for GetFindingStatistics `deniedFindings`;
    /// for AssumeRole `deniedAssumeRole`; `unreadableSamples` when an account's files could not be read (HTTP 500).
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
    /// other operation's 400 (ListMembers, ListAccounts, AssumeRole's ValidationError).
    public var validationErrors = 0
}
