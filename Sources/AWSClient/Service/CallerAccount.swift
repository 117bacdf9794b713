import Foundation
import Logging

/// The account the run's credentials belong to, asked of STS GetCallerIdentity once per
/// credential set, alongside the walk rather than before it.
///
/// Best effort: where no STS endpoint is reachable (a private subnet with only a Macie2
/// endpoint) or STS refuses, the answer is `nil` and the run goes on, taking accounts from
/// the job ARNs. One short attempt, so the lookup never holds the walk up for long.
public final class CallerAccount: Sendable {
    private let lookup: Task<String?, Never>

    /// Starts the lookup now.
    public init(sts: STS, logger: Logger, timeout: TimeInterval = 2) {
        lookup = Task {
            do {
                return try await sts.callerIdentity(limits: .init(attempts: 1, timeout: timeout)).account
            } catch {
                logger.debug("account not known: STS GetCallerIdentity failed", metadata: ["error": "\(error)"])
                return nil
            }
        }
    }

    /// An account already known (or known to be unknown), for tests and offline sources.
    public init(known: String?) { lookup = Task { known } }

    /// The account id, once the lookup has ended.
    public var value: String? { get async { await lookup.value } }
}
