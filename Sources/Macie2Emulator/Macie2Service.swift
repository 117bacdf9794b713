import AWSSigV4
import Foundation
import JobFetch
import JobLogModel
import Macie2Model

/// The emulated AWS endpoint, independent of any server: a request in, an outcome out. It
/// serves Macie2's job operations (rest-json), STS's GetCallerIdentity (query) and CloudWatch
/// Logs' FilterLogEvents (JSON 1.1), every API macie-report calls, on one port; and Macie2's
/// GetFindingStatistics (``FindingStatisticsOperation``), which reports do not call yet.
///
/// Order of checks, as a real endpoint: route, signature, region access, rate limit, then the
/// injected faults, then the operation itself. The random faults apply to Macie2's operations
/// only; FilterLogEvents has its own (see ``FaultOptions/logsRate``), and latency applies to all.
public final class Macie2Service: @unchecked Sendable {
    /// The page size when a request gives no maxResults.
    public static let defaultPageSize = 100
    /// The largest `maxResults` ListClassificationJobs accepts, as at Macie2; outside 1...200 is a ValidationException.
    public static let maxPageSize = 200

    private let jobs: [String: [RecordedJob]]
    private let index: [String: [String: Int]]
    private let verifiers: [String: SigV4Verifier]?
    /// Macie's job log group, by region, where the samples recorded one.
    let logStores: [String: LogEventStore]
    /// The finding count groups GetFindingStatistics answers from, by region.
    private let findings: [String: [FindingCount]]
    private let defaultRegion: String
    /// The account every accepted credential belongs to (what GetCallerIdentity answers).
    public let accountId: String
    let now: @Sendable () -> Date
    private let lock = NSLock()
    var faults: FaultState
    var tally = EmulatorCounters()
    private var tokenSerial = 0

    /// The account a dataset is served as when none is given: its one account folder's, else
    /// AWS's documentation example.
    public static func defaultAccount(of scopes: some Collection<Scope>) -> String {
        let accounts = Set(scopes.compactMap(\.accountId))
        return accounts.count == 1 ? accounts.first! : "123456789012"
    }

    /// Serves `scoped` jobs, and the log events `scopedLogs` and findings `scopedFindings` recorded
    /// for them, as `accountId` sees them: in each region, those of that account and those recorded without one.
    public convenience init(
        scoped: [Scope: [RecordedJob]], scopedLogs: [Scope: [String: JobLogs]] = [:],
        scopedFindings: [Scope: [FindingCount]] = [:], accountId: String? = nil,
        credentials: [AWSCredentials]?, faults: FaultOptions = FaultOptions(), defaultRegion: String = "us-east-1",
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        let account = accountId ?? Self.defaultAccount(of: scoped.keys)
        var byRegion: [String: [RecordedJob]] = [:]
        for scope in scoped.keys.sorted() where scope.accountId == nil || scope.accountId == account {
            byRegion[scope.region, default: []] += scoped[scope]!
        }
        var logsByRegion: [String: [String: JobLogs]] = [:]
        for scope in scopedLogs.keys.sorted() where scope.accountId == nil || scope.accountId == account {
            logsByRegion[scope.region, default: [:]].merge(scopedLogs[scope]!) { _, later in later }
        }
        var findingsByRegion: [String: [FindingCount]] = [:]
        for scope in scopedFindings.keys.sorted() where scope.accountId == nil || scope.accountId == account {
            findingsByRegion[scope.region, default: []] += scopedFindings[scope]!
        }
        self.init(
            jobs: byRegion, logs: logsByRegion, findings: findingsByRegion, accountId: account, credentials: credentials, faults: faults,
            defaultRegion: defaultRegion, now: now)
    }

    /// - Parameters:
    ///   - jobs: by region, as the account sees them.
    ///   - logs: by region, each job's log events by job id; a region without an entry has
    ///     no log group (FilterLogEvents answers ResourceNotFoundException there).
    ///   - findings: by region, the finding count groups GetFindingStatistics answers from.
    ///   - credentials: accepted keys; `nil` accepts any signature (the region still comes
    ///     from the credential scope, or `defaultRegion` for an unsigned request).
    public init(
        jobs: [String: [RecordedJob]], logs: [String: [String: JobLogs]] = [:],
        findings: [String: [FindingCount]] = [:], accountId: String = "123456789012",
        credentials: [AWSCredentials]?,
        faults: FaultOptions = FaultOptions(), defaultRegion: String = "us-east-1",
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.jobs = jobs
        self.accountId = accountId
        index = jobs.mapValues { list in
            Dictionary(
                list.enumerated().compactMap { i, job in job.job.jobId.map { ($0, i) } }, uniquingKeysWith: { first, _ in first })
        }
        logStores = logs.mapValues(LogEventStore.init)
        self.findings = findings
        verifiers = credentials.map { keys in
            Dictionary(
                uniqueKeysWithValues: ["macie2", "sts", "logs"].map { ($0, SigV4Verifier(credentials: keys, service: $0)) })
        }
        self.defaultRegion = defaultRegion
        self.faults = FaultState(faults)
        self.now = now
    }

    /// A snapshot of what has happened so far.
    public var counters: EmulatorCounters { lock.withLock { tally } }

    /// The outcome of one request. Thread-safe: requests are handled one at a time under a lock, so the
    /// seeded faults repeat for a sequential client. Never throws: refusals and faults are outcomes.
    public func handle(_ request: EmulatorRequest) -> EmulatorOutcome {
        lock.withLock { handleLocked(request) }
    }

    private func handleLocked(_ request: EmulatorRequest) -> EmulatorOutcome {
        let delay = Double(faults.options.latencyMs + faults.below(faults.options.latencyJitterMs + 1)) / 1000
        let operation: String
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: false)
        switch (request.method, segments.count, segments.dropFirst().first) {
        case ("GET", 3, "_emulator") where segments[2] == "counters":
            return .respond(.json((try? JSONEncoder().encode(tally)) ?? Data()), delay: 0)
        case ("POST", 3, "jobs") where segments[2] == "list":
            operation = "ListClassificationJobs"
        case ("GET", 3, "jobs") where !segments[2].isEmpty:
            operation = "DescribeClassificationJob"
        case ("POST", 3, "findings") where segments[2] == "statistics":
            operation = "GetFindingStatistics"
        case ("POST", 2, "") where LogsOperations.operation(request) != nil:
            return logs(request, delay: delay)
        case ("POST", 2, "") where STSOperations.isQuery(request):
            return sts(request, delay: delay)
        default:
            tally.requests["unknown", default: 0] += 1
            return .respond(
                .error("UnknownOperationException", 404, "No operation at \(request.method) \(request.path)."), delay: delay)
        }
        tally.requests[operation, default: 0] += 1

        let region: String
        switch authenticate(request, service: "macie2") {
        case .success(let verified): region = verified
        case .failure(let failure):
            tally.signatureFailures += 1
            return .respond(failure.response, delay: delay)
        }
        if faults.options.deniedRegions.contains(region) {
            return fault(
                "deniedRegion",
                .error("AccessDeniedException", 403, "User is not authorized to perform: macie2:\(operation) in \(region)."),
                delay)
        }
        if operation == "GetFindingStatistics", faults.options.deniedFindingsRegions.contains(region) {
            return fault(
                "deniedFindings",
                .error(
                    "AccessDeniedException", 403,
                    "User: arn:aws:iam::\(accountId):user/macie-report is not authorized to perform: macie2:GetFindingStatistics"),
                delay)
        }
        if !faults.admit(at: now()) {
            return fault("rateLimit", .error("ThrottlingException", 429, "Rate exceeded"), delay)
        }
        if faults.chance(faults.options.dropRate) {
            tally.faults["drop", default: 0] += 1
            return .drop(delay: delay)
        }
        if faults.chance(faults.options.throttleRate) {
            return fault("throttle", .error("ThrottlingException", 429, "Rate exceeded"), delay)
        }
        if faults.chance(faults.options.serverErrorRate) {
            return fault("serverError", .error("InternalServerException", 500, "Internal server error"), delay)
        }
        let response: EmulatorResponse
        switch operation {
        case "ListClassificationJobs": response = list(request.body, region: region)
        case "GetFindingStatistics":
            response = FindingStatisticsOperation.answer(request.body, findings: findings[region] ?? [])
        default: response = describe(String(segments[2]), region: region)
        }
        if response.status == 400 { tally.validationErrors += 1 }
        return .respond(response, delay: delay)
    }

    func fault(_ kind: String, _ response: EmulatorResponse, _ delay: TimeInterval) -> EmulatorOutcome {
        tally.faults[kind, default: 0] += 1
        return .respond(response, delay: delay)
    }

    /// An STS query request: signed for `sts`, answered in XML; no injected faults.
    private func sts(_ request: EmulatorRequest, delay: TimeInterval) -> EmulatorOutcome {
        let action = STSOperations.action(request)
        tally.requests[action ?? "unknown", default: 0] += 1
        if case .failure(let refusal) = authenticate(request, service: "sts") {
            tally.signatureFailures += 1
            return .respond(STSOperations.refusal(refusal.response), delay: delay)
        }
        return .respond(STSOperations.answer(action, accountId: accountId, request: request), delay: delay)
    }

    /// The region the request is for, or the refusal to send.
    func authenticate(_ request: EmulatorRequest, service: String) -> Result<String, EmulatorResponse.Refusal> {
        let signing = SigningRequest(
            method: request.method, path: request.path, query: SigningRequest.parseQuery(request.query),
            headers: request.headers, payloadHash: SigV4.payloadHash(request.body))
        guard let verifier = verifiers?[service] else {
            let scope = signing.header("Authorization")?.components(separatedBy: "Credential=").dropFirst().first?
                .split(separator: ",").first?.split(separator: "/")
            return .success(scope.flatMap { $0.count >= 3 ? String($0[2]) : nil } ?? defaultRegion)
        }
        do {
            return .success(try verifier.verify(signing, now: now()).region)
        } catch {
            let type: String
            switch error.kind {
            case .missing: type = "MissingAuthenticationTokenException"
            case .unknownKey: type = "UnrecognizedClientException"
            case .invalid, .skewed: type = "InvalidSignatureException"
            }
            return .failure(.init(response: .error(type, 403, error.message)))
        }
    }

    private func list(_ body: [UInt8], region: String) -> EmulatorResponse {
        let request: ListClassificationJobsRequest
        do {
            request = try ListRequestValidator.validate(body)
        } catch {
            return .error("ValidationException", 400, error.message)
        }
        let query = JobQuery(filter: request.filterCriteria, sort: request.sortCriteria)
        do {
            try query.validate()
        } catch {
            return .error("ValidationException", 400, error.message)
        }
        let size = request.maxResults ?? Self.defaultPageSize
        guard (1...Self.maxPageSize).contains(size) else {
            return .error("ValidationException", 400, "maxResults must be between 1 and \(Self.maxPageSize).")
        }
        let fingerprint = Self.fingerprint(request)
        var start = 0
        if let token = request.nextToken {
            guard let page = PageToken(token), page.query == fingerprint else {
                return .error("ValidationException", 400, "The nextToken is invalid or does not belong to this query.")
            }
            start = page.offset
        }
        let matched = query.apply(to: (jobs[region] ?? []).map(\.job))
        var count = min(size, faults.options.pageSizeCap, max(0, matched.count - start))
        if count > 0, faults.chance(faults.options.emptyPageRate) {
            tally.faults["emptyPage", default: 0] += 1
            count = 0
        } else if count > 1, faults.chance(faults.options.shortPageRate) {
            tally.faults["shortPage", default: 0] += 1
            count = 1 + faults.below(count - 1)
        }
        if faults.options.repeatTokens, let token = request.nextToken {
            tally.faults["repeatedToken", default: 0] += 1
            let items = matched[min(start, matched.count)..<min(start + count, matched.count)].map(JobSummary.init)
            return .json(
                (try? Macie2JSON.encoder().encode(ListClassificationJobsResponse(items: items, nextToken: token))) ?? Data())
        }
        let end = min(start + count, matched.count)
        let page = ListClassificationJobsResponse(
            items: matched[min(start, matched.count)..<end].map(JobSummary.init),
            nextToken: end < matched.count ? PageToken(offset: end, query: fingerprint, serial: nextSerial()).encoded : nil)
        return .json((try? Macie2JSON.encoder().encode(page)) ?? Data())
    }

    private func describe(_ rawId: String, region: String) -> EmulatorResponse {
        let jobId = SigV4.percentDecode(rawId)
        guard let position = index[region]?[jobId], let recorded = jobs[region]?[position] else {
            return .error("ResourceNotFoundException", 404, "The specified resource wasn't found: job \(jobId).")
        }
        if faults.hasVanished(jobId) {
            tally.faults["vanished", default: 0] += 1
            return .error("ResourceNotFoundException", 404, "The specified resource wasn't found: job \(jobId).")
        }
        return .json(recorded.body)
    }

    func nextSerial() -> Int {
        tokenSerial += 1
        return tokenSerial
    }

    /// Binds page tokens to the filter and sort they were made for.
    static func fingerprint(_ request: ListClassificationJobsRequest) -> String {
        var unpaged = request
        unpaged.nextToken = nil
        unpaged.maxResults = nil
        let json = (try? Macie2JSON.encoder().encode(unpaged)) ?? Data()
        return String(FaultState.fnv1a(String(decoding: json, as: UTF8.self)), radix: 16)
    }
}

extension EmulatorResponse {
    /// A refused signature, as an Error so it can travel in a Result.
    struct Refusal: Error {
        let response: EmulatorResponse
    }
}
