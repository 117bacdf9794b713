import Foundation

/// The faults' moving parts: the seeded generator and the token bucket. Not thread-safe on
/// its own; ``Macie2Service`` holds it behind a lock.
struct FaultState {
    private var random: SplitMix64
    private var tokens: Double
    private var lastRefill: Date?
    /// FilterLogEvents' buckets, one per account and region.
    private var logsBuckets: [String: (tokens: Double, lastRefill: Date)] = [:]
    let options: FaultOptions

    init(_ options: FaultOptions) {
        self.options = options
        random = SplitMix64(seed: options.seed)
        tokens = options.rateLimit ?? 0
    }

    /// True with probability `rate`.
    mutating func chance(_ rate: Double) -> Bool {
        rate > 0 && random.nextUnit() < rate
    }

    /// A whole number in 0..<bound.
    mutating func below(_ bound: Int) -> Int {
        bound <= 1 ? 0 : Int(random.next() % UInt64(bound))
    }

    /// Takes a token from the bucket; false when the request is over the rate.
    mutating func admit(at now: Date) -> Bool {
        guard let rate = options.rateLimit else { return true }
        if let last = lastRefill { tokens = min(rate, tokens + now.timeIntervalSince(last) * rate) }
        lastRefill = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Takes a token from the FilterLogEvents bucket of `scope` (account and region); false
    /// when the request is over `logsRate`. Each scope starts with a full bucket.
    mutating func admitLogs(scope: String, at now: Date) -> Bool {
        guard let rate = options.logsRate else { return true }
        var bucket = logsBuckets[scope] ?? (tokens: rate, lastRefill: now)
        bucket.tokens = min(rate, bucket.tokens + max(0, now.timeIntervalSince(bucket.lastRefill)) * rate)
        bucket.lastRefill = now
        let admitted = bucket.tokens >= 1
        if admitted { bucket.tokens -= 1 }
        logsBuckets[scope] = bucket
        return admitted
    }

    /// Whether a job is one of the vanished: listed, but gone when described. Decided by the
    /// job id and the seed, not by the order of requests, so a retry sees the same answer.
    func hasVanished(_ jobId: String) -> Bool {
        if options.vanishedJobs.contains(jobId) { return true }
        guard options.vanishRate > 0 else { return false }
        var generator = SplitMix64(seed: options.seed ^ Self.fnv1a(jobId))
        return generator.nextUnit() < options.vanishRate
    }

    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
