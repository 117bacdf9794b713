import Foundation

/// What happened, for tests: requests by operation, faults by kind, refused signatures.
public struct EmulatorCounters: Codable, Sendable, Equatable {
    /// Requests by operation (`ListClassificationJobs`, `GetCallerIdentity`, `unknown` for an unrouted one),
    /// counted before any check.
    public var requests: [String: Int] = [:]
    /// Injected faults by kind: `deniedRegion`, `rateLimit`, `drop`, `throttle`, `serverError`, `emptyPage`,
    /// `shortPage`, `repeatedToken`, `vanished`; for FilterLogEvents `deniedLogs`, `logsRateLimit`, `logsEmptyPage`; for GetFindingStatistics `deniedFindings`.
    public var faults: [String: Int] = [:]
    /// Requests refused for their signature, Macie2 and STS together.
    public var signatureFailures = 0
    /// ListClassificationJobs requests refused with a 400 ValidationException (body, filter, maxResults,
    /// or a token that is not this query's), and FilterLogEvents requests refused as invalid
    /// (InvalidParameterException, SerializationException) or for an unknown log group.
    public var validationErrors = 0
}
