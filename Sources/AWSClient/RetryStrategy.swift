import Foundation

/// The AWS SDKs' retry behaviour: `standard` (exponential backoff with full jitter, capped at
/// 20 s, and a retry quota so a failing service is not hammered) or `adaptive` (standard plus
/// a client-side send-rate limit that backs off when the service throttles).
/// From `AWS_RETRY_MODE` and `AWS_MAX_ATTEMPTS` (default 3 attempts in all).
public struct RetryConfiguration: Sendable {
    public enum Mode: String, Sendable { case standard, adaptive }
    public var mode: Mode
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    public var maxBackoff: TimeInterval = 20

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

/// The shared retry state of one client: the quota and (adaptive) the rate limiter.
public actor RetryPolicy {
    public let configuration: RetryConfiguration
    private let random: @Sendable () -> Double
    private var quota: Int
    private let initialQuota = 500
    private var limiter: AdaptiveRateLimiter?
    /// Retries made so far, for progress reports.
    public private(set) var retries = 0

    public init(_ configuration: RetryConfiguration, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.configuration = configuration
        self.random = random
        quota = initialQuota
        limiter = configuration.mode == .adaptive ? AdaptiveRateLimiter() : nil
    }

    /// Waits (adaptive mode) until the send rate allows another request.
    public func beforeAttempt() async throws {
        guard limiter != nil else { return }
        let wait = limiter!.acquire(now: Date())
        if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
    }

    /// How long to wait before attempt `attempt + 1`, or `nil` to give up. `attempt` counts
    /// from 1.
    public func delayBeforeRetry(after failure: FailureKind, attempt: Int) -> TimeInterval? {
        limiter?.record(throttled: failure == .throttling, now: Date())
        guard failure != .permanent, attempt < configuration.maxAttempts else { return nil }
        let cost = failure == .timeout ? 10 : 5
        guard quota >= cost else { return nil }
        quota -= cost
        retries += 1
        return min(configuration.maxBackoff, random() * pow(2, Double(attempt - 1)))
    }

    /// A success gives back what its retries cost (or 1 for a first-try success).
    public func recordSuccess(retriedWithCost cost: Int) {
        limiter?.record(throttled: false, now: Date())
        quota = min(initialQuota, quota + (cost > 0 ? cost : 1))
    }
}

/// The adaptive mode's client-side rate limiter: a token bucket whose rate follows CUBIC —
/// cut to 70% on throttling, then grown back along a cubic curve towards and past the rate
/// where throttling began.
struct AdaptiveRateLimiter {
    private var enabled = false
    private var rate = 0.5
    private var tokens = 0.0
    private var lastRefill: Date?
    private var lastMaxRate = 0.0
    private var lastThrottle = Date()
    private var measuredRate = 0.0
    private var measureStart = Date()
    private var measureCount = 0
    private let beta = 0.7
    private let scale = 0.4

    /// Seconds to wait before sending (and takes a token).
    mutating func acquire(now: Date) -> TimeInterval {
        guard enabled else { return 0 }
        if let last = lastRefill { tokens = min(max(rate, 1), tokens + now.timeIntervalSince(last) * rate) }
        lastRefill = now
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / rate
    }

    mutating func record(throttled: Bool, now: Date) {
        measureCount += 1
        let elapsed = now.timeIntervalSince(measureStart)
        if elapsed >= 0.5 {
            let sample = Double(measureCount) / elapsed
            measuredRate = measuredRate == 0 ? sample : 0.8 * measuredRate + 0.2 * sample
            measureStart = now
            measureCount = 0
        }
        // Before the first half-second window has closed, the rate so far is the best
        // measure; starting from zero would pin the limit at its floor.
        let measured = measuredRate > 0 ? measuredRate : Double(measureCount) / max(elapsed, 0.1)
        if throttled {
            let base = enabled ? min(measured, rate) : measured
            lastMaxRate = max(base, 0.5)
            lastThrottle = now
            rate = max(0.5, base * beta)
            enabled = true
        } else if enabled {
            let k = cbrt(lastMaxRate * (1 - beta) / scale)
            let t = now.timeIntervalSince(lastThrottle)
            rate = min(max(0.5, scale * pow(t - k, 3) + lastMaxRate), 2 * max(measured, 0.5))
        }
    }
}
