import AWSClient
import Foundation
import JobFetch
import Logging

/// The jobs of many accounts: the caller's own, with its own credentials, and each other
/// account through a role assumed there, every (account, region) pair under the one
/// `--max-concurrency`.
///
/// Accounts are walked a window at a time (a few times the concurrency, so permits never
/// sit idle) rather than all at once: 10 000 accounts × 17 regions would otherwise be
/// 170 000 waiting tasks. Permits are handed out first come, first served, so a slow or
/// throttled account holds only its own requests back. An account whose role cannot be
/// assumed becomes one `role-denied` (or `failed`) scope per region, with a gap; an account
/// whose walk fails later gets `failed` scopes for the regions it had not finished. Only a
/// problem with the caller's own credentials ends the run.
public struct OrganizationJobSource: JobSource {
    /// One other account to walk.
    public struct Member: Sendable {
        public var accountId: String
        public var name: String?
        /// The run's client, signing as the role in that account (see `AWSClient.assumingRole`).
        public var client: AWSClient

        public init(accountId: String, name: String?, client: AWSClient) {
            self.accountId = accountId
            self.name = name
            self.client = client
        }
    }

    let home: LiveJobSource
    let members: [Member]
    let logger: Logger

    /// `home` walks the caller's account; each member is walked with `home`'s options.
    public init(home: LiveJobSource, members: [Member], logger: Logger) {
        self.home = home
        self.members = members
        self.logger = logger
    }

    /// The scopes of the caller's account and of every member, in completion order.
    public func batches() -> AsyncThrowingStream<ScopeBatch, Error> {
        let source = self
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await source.walkAll { continuation.yield($0) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func walkAll(yield: @escaping @Sendable (ScopeBatch) -> Void) async throws {
        let limit = ConcurrencyLimit(home.options.maxConcurrency)
        let window = max(4, home.options.maxConcurrency * 4)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await home.walkRegions(limit: limit, yield: yield) }
            var next = 0
            func addNext() {
                guard next < members.count else { return }
                let member = members[next]
                next += 1
                group.addTask { await walk(member, limit: limit, yield: yield) }
            }
            for _ in 0..<min(window, members.count) { addNext() }
            for try await _ in group { addNext() }
        }
    }

    /// One member account: the role first (once, under a permit), then its regions. Never
    /// throws: whatever goes wrong is that account's scopes and gaps.
    func walk(_ member: Member, limit: ConcurrencyLimit, yield: @Sendable (ScopeBatch) -> Void) async {
        let regions = home.options.regions
        do {
            try await limit.run { try await member.client.checkCredentials() }
        } catch let error as RoleAssumptionError {
            logger.warning("role could not be assumed", metadata: ["account": "\(member.accountId)", "error": "\(error)"])
            for region in regions { yield(Self.unread(member, region, error.isDenied ? .roleDenied : .failed, "\(error)")) }
            return
        } catch {
            for region in regions { yield(Self.unread(member, region, .failed, "account \(member.accountId): \(error)")) }
            return
        }
        let source = LiveJobSource(
            client: member.client, account: CallerAccount(known: member.accountId), accountName: member.name,
            options: home.options, logger: logger, progress: home.progress)
        let done = RegionsDone()
        do {
            try await source.walkRegions(limit: limit) { batch in
                done.insert(batch.region)
                yield(batch)
            }
        } catch {
            logger.warning("account walk failed", metadata: ["account": "\(member.accountId)", "error": "\(error)"])
            for region in regions where !done.contains(region) {
                yield(Self.unread(member, region, .failed, "account \(member.accountId): \(error)"))
            }
        }
    }

    /// A scope of the member that was not read, with its gap and state.
    static func unread(_ member: Member, _ region: String, _ state: ScopeState, _ reason: String) -> ScopeBatch {
        let scope = Scope(accountId: member.accountId, region: region)
        var batch = ScopeBatch(scope: scope, jobs: [], gap: ScopeGap(scope: scope, reason: reason))
        batch.state = state
        batch.accountName = member.name
        return batch
    }
}

/// The regions of one account already handed on, so a walk that fails part way reports only
/// the others as failed.
final class RegionsDone: @unchecked Sendable {
    private var regions: Set<String> = []
    private let lock = NSLock()
    func insert(_ region: String) { lock.withLock { _ = regions.insert(region) } }
    func contains(_ region: String) -> Bool { lock.withLock { regions.contains(region) } }
}
