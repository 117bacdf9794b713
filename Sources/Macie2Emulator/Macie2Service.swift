import AWSSigV4
import Foundation
import JobFetch
import JobLogModel
import Macie2Model

/// The emulated AWS endpoint, independent of any server: a request in, an outcome out. It
/// serves Macie2's job operations, GetFindingStatistics and ListMembers (rest-json), STS's
/// GetCallerIdentity and AssumeRole (query), CloudWatch Logs' FilterLogEvents and Organizations'
/// ListAccounts (JSON 1.1), S3's object and multipart operations (rest-xml) and SES v2's
/// SendEmail (rest-json): every API macie-report calls, on one port.
///
/// It plays many accounts (``AccountDirectory``): the base credentials belong to the home
/// account, and credentials AssumeRole issues to the role's account; each account sees its own
/// dataset, and Macie may be off for an account in a region.
///
/// Order of checks, as a real endpoint: route, signature (and token expiry), region access,
/// Macie being on, rate limit, then the injected faults, then the operation itself. The random
/// faults apply to Macie2's operations only; FilterLogEvents has its own (see
/// ``FaultOptions/logsRate``), and latency applies to all.
public final class Macie2Service: @unchecked Sendable {
    /// The page size when a request gives no maxResults.
    public static let defaultPageSize = 100
    /// The largest `maxResults` ListClassificationJobs accepts, as at Macie2; outside 1...200 is a ValidationException.
    public static let maxPageSize = 200

    /// Each account's jobs, logs and findings, read as they are asked for.
    var store: DatasetStore
    /// Who the accounts are and what they allow.
    let directory: AccountDirectory
    /// One verifier per service, holding the base keys and every key AssumeRole issued; `nil` accepts any signature.
    var verifiers: [String: SigV4Verifier]?
    /// The role sessions AssumeRole issued.
    var sessions: SessionStore
    let defaultRegion: String
    /// The home account: the one the base credentials belong to (what GetCallerIdentity answers for them).
    public var accountId: String { directory.home }
    let now: @Sendable () -> Date
    private let lock = NSLock()
    var faults: FaultState
    /// The S3 buckets, the SES outbox and identities.
    let delivery: DeliveryOptions
    /// The buckets' objects and the pending multipart uploads.
    var s3Store: S3Store
    var tally = EmulatorCounters()
    private var tokenSerial = 0

    /// The home account when none is given: the dataset's one account folder's, else AWS's documentation example.
    public static func defaultAccount(of scopes: some Collection<Scope>) -> String {
        let accounts = Set(scopes.compactMap(\.accountId))
        return accounts.count == 1 ? accounts.first! : "123456789012"
    }

    /// Serves a samples folder: each account's jobs, log events and findings from its own folder
    /// (`DIR/<account>/…`), what was recorded without an account as the home account's. The home
    /// account is `accountId`, else the accounts file's `homeAccountId`, else
    /// ``defaultAccount(of:)``. `macieOff` adds account-regions where Macie is off to the file's (a
    /// scope without an account is the home account's). The home account's files are read now
    /// (their first problem is thrown); the others' when first asked for (see ``DatasetStore``).
    /// `delivery` gives the S3 buckets and what SES does with a message.
    public convenience init(
        samples: SamplesIndex, accounts: AccountsFile? = nil, macieOff: [Scope] = [], accountId: String? = nil,
        credentials: [AWSCredentials]?, faults: FaultOptions = FaultOptions(), delivery: DeliveryOptions = DeliveryOptions(),
        defaultRegion: String = "us-east-1",
        now: @escaping @Sendable () -> Date = Date.init
    ) throws {
        let home = accountId ?? accounts?.homeAccountId ?? Self.defaultAccount(of: samples.scopes)
        self.init(
            store: try DatasetStore(index: samples, home: home),
            directory: AccountDirectory(home: home, file: accounts, extraMacieOff: macieOff), credentials: credentials,
            faults: faults, delivery: delivery, defaultRegion: defaultRegion, now: now)
    }

    /// Serves `scoped` jobs, with the log events and findings recorded for them, all in memory,
    /// each account's its own and what was recorded without an account the home account's; the
    /// home account is chosen as the samples folder's is.
    public convenience init(
        scoped: [Scope: [RecordedJob]], scopedLogs: [Scope: [String: JobLogs]] = [:],
        scopedFindings: [Scope: [FindingCount]] = [:], accounts: AccountsFile? = nil, macieOff: [Scope] = [],
        accountId: String? = nil, credentials: [AWSCredentials]?, faults: FaultOptions = FaultOptions(),
        delivery: DeliveryOptions = DeliveryOptions(), defaultRegion: String = "us-east-1",
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        let home = accountId ?? accounts?.homeAccountId ?? Self.defaultAccount(of: scoped.keys)
        self.init(
            store: DatasetStore(
                preloaded: AccountDataset.partition(jobs: scoped, logs: scopedLogs, findings: scopedFindings, home: home)),
            directory: AccountDirectory(home: home, file: accounts, extraMacieOff: macieOff), credentials: credentials,
            faults: faults, delivery: delivery, defaultRegion: defaultRegion, now: now)
    }

    /// One account's dataset, served to every accepted key.
    /// - Parameters:
    ///   - jobs: by region, as the account sees them.
    ///   - logs: by region, each job's log events by job id; a region without an entry has
    ///     no log group (FilterLogEvents answers ResourceNotFoundException there).
    ///   - findings: by region, the finding count groups GetFindingStatistics answers from.
    ///   - credentials: accepted keys; `nil` accepts any signature (the region still comes
    ///     from the credential scope, or `defaultRegion` for an unsigned request).
    public convenience init(
        jobs: [String: [RecordedJob]], logs: [String: [String: JobLogs]] = [:],
        findings: [String: [FindingCount]] = [:], accountId: String = "123456789012",
        credentials: [AWSCredentials]?,
        faults: FaultOptions = FaultOptions(), delivery: DeliveryOptions = DeliveryOptions(),
        defaultRegion: String = "us-east-1",
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.init(
            store: DatasetStore(preloaded: [accountId: AccountDataset(jobs: jobs, logs: logs, findings: findings)]),
            directory: AccountDirectory(home: accountId), credentials: credentials, faults: faults,
            delivery: delivery, defaultRegion: defaultRegion, now: now)
    }

    init(
        store: DatasetStore, directory: AccountDirectory, credentials: [AWSCredentials]?,
        faults: FaultOptions, delivery: DeliveryOptions, defaultRegion: String, now: @escaping @Sendable () -> Date
    ) {
        self.store = store
        self.directory = directory
        verifiers = credentials.map(Self.makeVerifiers)
        sessions = SessionStore(seed: faults.seed)
        self.defaultRegion = defaultRegion
        self.faults = FaultState(faults)
        self.delivery = delivery
        s3Store = S3Store(buckets: delivery.s3Buckets)
        self.now = now
    }

    /// A snapshot of what has happened so far.
    public var counters: EmulatorCounters { lock.withLock { tally } }

    /// The outcome of one request. Thread-safe: requests are handled one at a time under a lock, so the
    /// seeded faults repeat for a sequential client. Never throws: refusals and faults are outcomes.
    public func handle(_ request: EmulatorRequest) -> EmulatorOutcome {
        lock.withLock { handleLocked(request) }
    }

    /// Every operation counts itself in `tally.requests`; what one request added there is then
    /// credited to its client too, so an operation added later is attributed without its own code.
    private func handleLocked(_ request: EmulatorRequest) -> EmulatorOutcome {
        let before = tally.requests
        let outcome = routeLocked(request)
        tally.credit(since: before, to: EmulatorCounters.client(of: request))
        return outcome
    }

    private func routeLocked(_ request: EmulatorRequest) -> EmulatorOutcome {
        let delay = Double(faults.options.latencyMs + faults.below(faults.options.latencyJitterMs + 1)) / 1000
        switch EmulatorRoute(request) {
        case .counters: return .respond(.json((try? JSONEncoder().encode(tally)) ?? Data()), delay: 0)
        case .macie2(let operation): return macie2(operation, request, delay: delay)
        case .logs: return logs(request, delay: delay)
        case .organizations: return organizations(request, delay: delay)
        case .sts: return sts(request, delay: delay)
        case .s3: return s3(request, delay: delay)
        case .ses: return ses(request, delay: delay)
        case .unknown:
            tally.requests["unknown", default: 0] += 1
            return .respond(
                .error("UnknownOperationException", 404, "No operation at \(request.method) \(request.path)."), delay: delay)
        }
    }

    /// The dataset of `account` (empty for an account with no files), or why its files cannot be read.
    /// The message is the internal error's: the emulator's operator, not AWS, is at fault.
    func dataset(_ account: String) -> Result<AccountDataset, EmulatorResponse.Refusal> {
        do {
            return .success(try store.dataset(account))
        } catch {
            tally.faults["unreadableSamples", default: 0] += 1
            return .failure(
                .init(
                    response: .error(
                        "InternalServerException", 500, "macie2-emulator cannot read the samples of account \(account): \(error)")
                ))
        }
    }

    func fault(_ kind: String, _ response: EmulatorResponse, _ delay: TimeInterval) -> EmulatorOutcome {
        tally.faults[kind, default: 0] += 1
        return .respond(response, delay: delay)
    }

    func nextSerial() -> Int {
        tokenSerial += 1
        return tokenSerial
    }
}
