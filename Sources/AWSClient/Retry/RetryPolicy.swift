import Foundation

/// The shared retry state of one client: the quota and (adaptive) the rate limiter.
public actor RetryPolicy {
    /// The mode, attempts and backoff cap this policy applies.
    public let configuration: RetryConfiguration
    private let random: @Sendable () -> Double
    private var quota: Int
    private let initialQuota = 500
    private var limiter: AdaptiveRateLimiter?
    /// Retries made so far, for progress reports.
    public private(set) var retries = 0

    /// Starts with a full quota of 500 and, in adaptive mode, a limiter that stays off until the first
    /// throttling. `random` draws the jitter in `0..<1`; tests pass a fixed one.
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
        let cost = Self.cost(of: failure)
        guard quota >= cost else { return nil }
        quota -= cost
        retries += 1
        return min(configuration.maxBackoff, random() * pow(2, Double(attempt - 1)))
    }

    /// What a retry after `failure` takes from the quota: a timeout costs more, as in the SDKs.
    public static func cost(of failure: FailureKind) -> Int { failure == .timeout ? 10 : 5 }

    /// A success gives back what its retries cost (or 1 for a first-try success).
    public func recordSuccess(retriedWithCost cost: Int) {
        limiter?.record(throttled: false, now: Date())
        quota = min(initialQuota, quota + (cost > 0 ? cost : 1))
    }
}
