/// Spaces requests evenly at `rate` a second, for every task that shares it: CloudWatch
/// Logs allows FilterLogEvents only a few times a second per account and region, so each
/// scope's lookups share one pacer and stay under the quota instead of being throttled.
public actor RequestPacer {
    private let interval: Duration
    private var next: ContinuousClock.Instant?

    /// `rate` requests a second; at most 1 000, at least one every 10 s.
    public init(rate: Double) {
        let bounded = min(max(rate, 0.1), 1_000)
        interval = .nanoseconds(Int64(1e9 / bounded))
    }

    /// Waits for this caller's slot: the first at once, each later one an interval after
    /// the one before (or now, if the pacer sat idle).
    public func waitForTurn() async throws {
        let now = ContinuousClock.now
        let slot = max(now, next ?? now)
        next = slot + interval
        if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
    }
}
