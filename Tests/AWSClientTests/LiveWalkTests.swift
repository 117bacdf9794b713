import AWSClient
import Foundation
import JobFetch
import Logging
import Macie2Client
import TestSupport
import Testing

/// The walk against a scripted Macie2 that answers wrongly: every wrong answer is a named gap
/// or a flagged job, never an empty region or a run that goes on for ever. (Finding counts
/// are not read here: FindingCountWalkTests has them.)
@Suite struct LiveWalkTests {
    func walk(
        _ respond: @escaping @Sendable (ScriptedHTTPServer.Request) -> ScriptedHTTPServer.Response, account: String? = nil,
        pageLimit: Int = 5_000
    ) async throws -> (ScopeBatch, [ScriptedHTTPServer.Request]) {
        let server = try ScriptedHTTPServer(respond)
        defer { server.stop() }
        let client = try AWSClientTests.client(endpoint: server.url)
        let source = LiveJobSource(
            client: client, account: CallerAccount(known: account),
            options: .init(regions: ["us-east-1"], maxConcurrency: 2, pageLimit: pageLimit, findings: nil),
            logger: Logger(label: "test"))
        var batches: [ScopeBatch] = []
        for try await batch in source.batches() { batches.append(batch) }
        try #require(batches.count == 1)
        return (batches[0], server.requests)
    }

    static func job(_ id: String, account: String = "111122223333") -> String {
        #"{"jobId":"\#(id)","jobArn":"arn:aws:macie2:us-east-1:\#(account):classification-job/\#(id)","name":"n-\#(id)","jobStatus":"RUNNING"}"#
    }

    @Test func aListPageWithoutItemsIsAGapNotAnEmptyRegion() async throws {
        let (batch, _) = try await walk { _ in .init(200, "{}") }
        #expect(batch.jobs.isEmpty)
        #expect(batch.gap?.reason.contains("ListClassificationJobs gave a malformed answer") == true)
        #expect(batch.gap?.listIsComplete == false)
    }

    @Test func aDescribeAnswerAboutAnotherJobIsMalformed() async throws {
        let (batch, _) = try await walk { request in
            request.uri == "/jobs/list"
                ? .init(200, #"{"items":[{"jobId":"aaa","name":"n-aaa","jobStatus":"RUNNING"}]}"#) : .init(200, Self.job("bbb"))
        }
        #expect(batch.jobs.map(\.job.jobId) == ["aaa"])
        #expect(batch.jobs[0].caveats == ["could not be described (malformed answer); shown from its list entry"])
        #expect(batch.gap?.listIsComplete == true)
        #expect(batch.gap?.reason.contains("answered about 'bbb'") == true)
    }

    @Test func jobIdsThatWouldChangeTheRequestPathAreNeverSent() async throws {
        let (batch, requests) = try await walk { request in
            request.uri == "/jobs/list"
                ? .init(200, #"{"items":[{"jobId":".."},{"jobId":"."},{"jobId":""},{"jobId":"a/b"}]}"#)
                : .init(404, "", headers: [("x-amzn-ErrorType", "ResourceNotFoundException")])
        }
        #expect(requests.map(\.uri).sorted() == ["/jobs/a%2Fb", "/jobs/list"], "only the id that stays one segment is asked for")
        #expect(batch.jobs.count == 4)
        #expect(batch.jobs.filter { $0.caveats.first?.contains("could not be described (malformed answer)") == true }.count == 3)
    }

    @Test func aServiceHandingOutTokensForEverStopsAtThePageLimit() async throws {
        let counter = CallCounter()
        let (batch, requests) = try await walk(
            { _ in
                let page = counter.next()
                return .init(200, #"{"items":[{"jobId":"j\#(page)"}],"nextToken":"t\#(page)"}"#)
            }, pageLimit: 25)
        #expect(requests.count == 25)
        #expect(batch.jobs.count == 25)
        #expect(
            batch.gap?.reason
                == "ListClassificationJobs was still handing out a nextToken after 25 pages (the limit); the list is incomplete")
    }

    @Test func theScopeIsTheCallersAccountAndVanishedJobsTakeItWhenNothingSaysOtherwise() async throws {
        let respond: @Sendable (ScriptedHTTPServer.Request) -> ScriptedHTTPServer.Response = { request in
            switch request.uri {
            case "/jobs/list": return .init(200, #"{"items":[{"jobId":"aaa"},{"jobId":"gone"}]}"#)
            case "/jobs/aaa": return .init(200, Self.job("aaa"))
            default: return .init(404, "", headers: [("x-amzn-ErrorType", "ResourceNotFoundException")])
            }
        }
        let (known, _) = try await walk(respond, account: "111122223333")
        #expect(known.scope == Scope(accountId: "111122223333", region: "us-east-1"))
        #expect(known.jobs[1].job.jobArn == "arn:aws:macie2:us-east-1:111122223333:classification-job/gone")
        // The described jobs say another account than the caller's: theirs, as they all agree.
        let (other, _) = try await walk(respond, account: "999999999999")
        #expect(other.jobs[1].job.jobArn == "arn:aws:macie2:us-east-1:111122223333:classification-job/gone")
        // Not known at all: the region's one account, as before.
        let (unknown, _) = try await walk(respond, account: nil)
        #expect(unknown.scope.accountId == nil)
        #expect(unknown.jobs[1].job.jobArn == "arn:aws:macie2:us-east-1:111122223333:classification-job/gone")
    }
}

/// Counts the pages a script has answered, so each gets a token of its own.
