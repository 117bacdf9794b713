import Foundation

/// How the emulator misbehaves, from its command line. Every rate is a probability per
/// request; all draws come from one generator seeded by `seed`, so a sequential client sees
/// the same faults on every run.
public struct FaultOptions: Sendable {
    /// Added to every response, in milliseconds, plus up to `latencyJitterMs` more.
    public var latencyMs: Int = 0
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
    public var seed: UInt64 = 1

    public init() {}
}

/// The faults' moving parts: the seeded generator and the token bucket. Not thread-safe on
/// its own; ``Macie2Service`` holds it behind a lock.
struct FaultState {
    private var random: SplitMix64
    private var tokens: Double
    private var lastRefill: Date?
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

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
