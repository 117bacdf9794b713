import AWSClient
import AWSSigV4
import Foundation
import Logging
import Macie2Client
import Testing

/// Counts resolutions, handing out credentials that expire 10 minutes after each one.
final class CountingProvider: CredentialProvider, @unchecked Sendable {
    let name = "counting"
    private let lock = NSLock()
    private(set) var calls = 0
    let clock: Clock

    init(clock: Clock) { self.clock = clock }

    func resolve() async throws -> ExpiringCredentials? {
        let n = lock.withLock {
            calls += 1
            return calls
        }
        try await Task.sleep(nanoseconds: 20_000_000)
        return ExpiringCredentials(
            .init(accessKeyId: "AK\(n)", secretAccessKey: "s\(n)", sessionToken: "t\(n)"),
            expiration: clock.now.addingTimeInterval(600))
    }
}

/// A settable clock.
final class Clock: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Date(timeIntervalSince1970: 1_800_000_000)
    var now: Date { lock.withLock { value } }
    func advance(_ seconds: TimeInterval) { lock.withLock { value += seconds } }
}

@Suite struct RefreshAndRetryTests {
    @Test func temporaryCredentialsAreRefreshedBeforeTheyExpire() async throws {
        let clock = Clock()
        let provider = CountingProvider(clock: clock)
        let cache = RefreshingCredentials(provider, refreshMargin: 300, now: { clock.now })
        // Ten concurrent callers share one resolution.
        let first = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<10 { group.addTask { try await cache.credentials().accessKeyId } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(first == ["AK1"] && provider.calls == 1)
        clock.advance(240)  // 6 minutes left: still good
        #expect(try await cache.credentials().accessKeyId == "AK1")
        clock.advance(120)  // 4 minutes left: inside the 5-minute margin
        #expect(try await cache.credentials().accessKeyId == "AK2")
        #expect(provider.calls == 2)
    }

    @Test func standardBackoffIsExponentialCappedAndQuotaBound() async {
        let policy = RetryPolicy(RetryConfiguration(mode: .standard, maxAttempts: 10), random: { 0.999 })
        var delays: [TimeInterval] = []
        for attempt in 1...9 { delays.append(await policy.delayBeforeRetry(after: .throttling, attempt: attempt) ?? -1) }
        #expect(delays.map { ($0 * 1000).rounded() / 1000 } == [0.999, 1.998, 3.996, 7.992, 15.984, 20, 20, 20, 20])
        #expect(await policy.delayBeforeRetry(after: .throttling, attempt: 10) == nil, "10 attempts in all")
        #expect(await policy.delayBeforeRetry(after: .permanent, attempt: 1) == nil, "a 4xx is not retried")
        // 500 tokens at 5 a retry: the 101st retry in a row is refused until successes refill it.
        let quota = RetryPolicy(RetryConfiguration(mode: .standard, maxAttempts: 3), random: { 0 })
        var granted = 0
        for _ in 0..<200 where await quota.delayBeforeRetry(after: .transient, attempt: 1) != nil { granted += 1 }
        #expect(granted == 100)
        await quota.recordSuccess(retriedWithCost: 5)
        #expect(await quota.delayBeforeRetry(after: .transient, attempt: 1) != nil)
        #expect(await quota.delayBeforeRetry(after: .timeout, attempt: 1) == nil, "a timeout retry costs 10")
    }

    @Test func retryModeAndAttemptsComeFromTheEnvironment() throws {
        let adaptive = try RetryConfiguration.from(environment: ["AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "7"])
        #expect(adaptive.mode == .adaptive && adaptive.maxAttempts == 7)
        #expect(try RetryConfiguration.from(environment: [:]).maxAttempts == 3)
        #expect(throws: AWSError.self) { try RetryConfiguration.from(environment: ["AWS_RETRY_MODE": "fast"]) }
        #expect(throws: AWSError.self) { try RetryConfiguration.from(environment: ["AWS_MAX_ATTEMPTS": "0"]) }
    }

    @Test func noSecretReachesAnyLogLineAtAnyLevel() async throws {
        let secret = "wJalrXUtnFEMI-K7MDENG-SECRET"
        let token = "SESSION-TOKEN-VALUE-42"
        let lines = LogCapture()
        var logger = Logger(label: "test") { _ in lines }
        logger.logLevel = .trace
        let transport = ScriptedTransport { _ in
            HTTPResponse(
                status: 503, headers: [("x-amzn-ErrorType", "ServiceUnavailable")], body: Array(#"{"message":"busy"}"#.utf8))
        }
        let credentials = RefreshingCredentials(
            GivenCredentials(.init(accessKeyId: "AKIDLOG", secretAccessKey: secret, sessionToken: token)))
        let settings = AWSSettings(
            environment: [:], files: SharedConfigFiles(credentialsText: "", configText: ""),
            endpointOverride: URL(string: "http://127.0.0.1:1")!)
        let aws = AWSClient(
            settings: settings, transport: transport, credentials: credentials,
            retry: RetryPolicy(RetryConfiguration(mode: .standard, maxAttempts: 3), random: { 0 }), logger: logger,
            sleep: { _ in })
        let client = Macie2Client(client: aws, region: "us-east-1")
        await #expect(throws: AWSError.self) { _ = try await client.listClassificationJobs(.init()) }
        #expect(transport.count == 3)
        #expect(!lines.all.isEmpty, "retries were logged")
        for line in lines.all {
            #expect(!line.contains(secret) && !line.contains(token), "leaked in: \(line)")
        }
        #expect(!"\(AWSCredentials(accessKeyId: "A", secretAccessKey: secret, sessionToken: token))".contains(secret))
    }
}


/// Answers every request with the same scripted response, counting them.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent = 0
    let answer: @Sendable (HTTPRequest) -> HTTPResponse
    init(_ answer: @escaping @Sendable (HTTPRequest) -> HTTPResponse) { self.answer = answer }
    var count: Int { lock.withLock { sent } }
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { sent += 1 }
        return answer(request)
    }
}

/// Collects every log line with its metadata, as text.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    var all: [String] { lock.withLock { lines } }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String,
        line: UInt
    ) {
        let text = "\(level) \(message) \(metadata ?? [:]) \(self.metadata)"
        lock.withLock { lines.append(text) }
    }
}
