import Foundation

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
