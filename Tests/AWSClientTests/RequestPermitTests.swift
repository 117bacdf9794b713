import AWSClient
import Foundation
import Logging
@testable import Macie2Client
import TestSupport
import Testing

/// A request waiting out a retry's back-off gives its permit back: with one permit, a second
/// scope's request goes out while the first one sleeps, instead of waiting behind it.
@Suite struct RequestPermitTests {
    /// Records the order things happen in, from any task.
    final class Log: @unchecked Sendable {
        private var lines: [String] = []
        private let lock = NSLock()
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test func theClientWaitsOutItsBackOffThroughTheYielder() async throws {
        let counter = CallCounter()
        let server = try ScriptedHTTPServer { _ in
            counter.next() == 1
                ? .init(500, #"{"message":"busy"}"#, headers: [("x-amzn-ErrorType", "InternalServerException")])
                : .init(200, #"{"items":[]}"#)
        }
        defer { server.stop() }
        let client = try AWSClientTests.client(endpoint: server.url, attempts: 3)
        let log = Log()
        let yielder: RequestPermit.Yielder = { wait in
            log.add("permit given back")
            try await wait()
            log.add("permit taken again")
        }
        let page = try await RequestPermit.$yielder.withValue(yielder) {
            try await Macie2Client(client: client, region: "us-east-1").listClassificationJobs(.init())
        }
        #expect(page.items?.isEmpty == true)
        #expect(log.all == ["permit given back", "permit taken again"], "one back-off, without the permit")
        #expect(server.requests.count == 2)
    }

    @Test func anotherTaskRunsWhileTheOnlyPermitsHolderSleeps() async throws {
        let limit = ConcurrencyLimit(1)
        let log = Log()
        let asleep = AsyncStream<Void>.makeStream()
        let wake = AsyncStream<Void>.makeStream()
        async let first: Void = limit.run {
            log.add("first sends")
            try? await RequestPermit.yielder? {
                asleep.continuation.yield()
                for await _ in wake.stream { break }
            }
            log.add("first sends again")
        }
        for await _ in asleep.stream { break }
        // The first task is in its back-off: the one permit must be free for this one.
        await limit.run { log.add("second sends") }
        wake.continuation.yield()
        await first
        #expect(log.all == ["first sends", "second sends", "first sends again"])
    }
}
