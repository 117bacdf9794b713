/// Lets a caller that bounds requests (the walk's `--max-concurrency`) give its permit back
/// while a request waits out a retry's back-off, so a throttled account-region does not hold
/// permits idle while every other one waits for them.
///
/// A task-local rather than a parameter: the bound is the walk's business, the back-off the
/// client's, and the operation tables in between (Macie2, Logs, STS) need know of neither.
public enum RequestPermit {
    /// Runs the wait it is given without the permit, and has the permit again when it returns
    /// (or throws).
    public typealias Yielder = @Sendable (_ wait: @Sendable () async throws -> Void) async throws -> Void

    /// Set by the bound for the work it runs; `nil` outside any bound.
    @TaskLocal public static var yielder: Yielder?

    /// Waits with `wait`, without the current permit if there is one.
    static func waitWithout(_ wait: @Sendable () async throws -> Void) async throws {
        if let yielder { try await yielder(wait) } else { try await wait() }
    }
}
