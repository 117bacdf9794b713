import AWSClient

/// At most `limit` operations at once, across every task that shares it: the walk's
/// `--max-concurrency` holds for all accounts and regions together. Waiters are served
/// first come, first served, so no scope's requests wait behind another scope's whole walk;
/// the queue is a ring with a moving head, so 100 000 waiters cost no more per release than one.
actor ConcurrencyLimit {
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>?] = []
    private var head = 0

    init(_ limit: Int) { available = max(1, limit) }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        guard head < waiting.count, let next = waiting[head] else {
            available += 1
            return
        }
        waiting[head] = nil
        head += 1
        if head > 1024, head * 2 > waiting.count {
            waiting.removeFirst(head)
            head = 0
        }
        next.resume()
    }

    /// Runs `work` holding one permit, given back while `work` waits out a retry's back-off
    /// (`RequestPermit`) and taken again, in turn, before it sends the next attempt.
    nonisolated func run<T: Sendable>(_ work: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        let yielder: RequestPermit.Yielder = { wait in
            await self.release()
            do {
                try await wait()
            } catch {
                await self.acquire()
                throw error
            }
            await self.acquire()
        }
        do {
            let result = try await RequestPermit.$yielder.withValue(yielder) { try await work() }
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }
}
