/// Runs work against a clock: the first of the work and the deadline to finish wins, and the
/// other is cancelled. The work must honour cancellation (async-http-client and Task.sleep do).
enum Deadline {
    static func run<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(seconds, 0) * 1e9))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw TransportError(.timeout, "no whole answer within \(Int(seconds.rounded())) s")
            }
            return value
        }
    }
}
