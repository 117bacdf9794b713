import Foundation

/// The AWS SDKs' retry behaviour: `standard` (exponential backoff with full jitter, capped at
/// 20 s, and a retry quota so a failing service is not hammered) or `adaptive` (standard plus
/// a client-side send-rate limit that backs off when the service throttles).
/// From `AWS_RETRY_MODE` and `AWS_MAX_ATTEMPTS` (default 3 attempts in all).
public struct RetryConfiguration: Sendable {
    /// `AWS_RETRY_MODE`: `standard` retries with backoff and a quota; `adaptive` also slows the send rate
    /// after throttling.
    public enum Mode: String, Sendable { case standard, adaptive }
    /// Which of the two; `standard` by default.
    public var mode: Mode
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The longest wait between attempts, in seconds (20, as in the SDKs).
    public var maxBackoff: TimeInterval = 20

    /// `maxAttempts` below 1 is raised to 1: one attempt, no retries.
    public init(mode: Mode = .standard, maxAttempts: Int = 3) {
        self.mode = mode
        self.maxAttempts = max(1, maxAttempts)
    }

    /// Reads `AWS_RETRY_MODE` and `AWS_MAX_ATTEMPTS`; `legacy` is treated as standard.
    public static func from(environment: [String: String]) throws(AWSError) -> RetryConfiguration {
        var configuration = RetryConfiguration()
        if let mode = environment["AWS_RETRY_MODE"]?.lowercased(), !mode.isEmpty {
            switch mode {
            case "standard", "legacy": configuration.mode = .standard
            case "adaptive": configuration.mode = .adaptive
            default: throw AWSError.usage("AWS_RETRY_MODE must be standard or adaptive, not \(mode)")
            }
        }
        if let attempts = environment["AWS_MAX_ATTEMPTS"], !attempts.isEmpty {
            guard let value = Int(attempts), value >= 1 else {
                throw AWSError.usage("AWS_MAX_ATTEMPTS must be a whole number of at least 1, not \(attempts)")
            }
            configuration.maxAttempts = value
        }
        return configuration
    }
}

/// What kind of failure an attempt ended in, for the retry decision.
public enum FailureKind: Sendable, Equatable {
    /// 429 or a throttling error code: retry, and slow down (adaptive).
    case throttling
    /// 5xx, connection refused or lost: retry.
    case transient
    /// The request timed out: retry, at a higher quota cost.
    case timeout
    /// Any other 4xx: the same request will fail the same way.
    case permanent
}
