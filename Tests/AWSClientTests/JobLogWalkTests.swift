import AWSClient
import Foundation
import JobFetch
import JobLogModel
import Logging
import Macie2Client
import TestSupport
import Testing

/// The walk's log lookup against a scripted Macie2 and CloudWatch Logs on one port: paging
/// through empty pages, the job's stream from its last run's start, and every way Logs can
/// fail becoming a logs gap while the jobs stay in the report.
@Suite struct JobLogWalkTests {
    static let failedJob =
        #"{"jobId":"bad1","jobArn":"arn:aws:macie2:us-east-1:111122223333:classification-job/bad1","name":"n","jobStatus":"IDLE","lastRunErrorStatus":{"code":"ERROR"},"lastRunTime":"2026-11-20T06:00:00.5Z"}"#
    static let fineJob =
        #"{"jobId":"ok1","jobArn":"arn:aws:macie2:us-east-1:111122223333:classification-job/ok1","name":"m","jobStatus":"IDLE","lastRunErrorStatus":{"code":"NONE"}}"#

    static func event(_ n: Int, _ type: String = "BUCKET_ACCESS_DENIED") -> String {
        let message = #"{\"eventType\":\"\#(type)\",\"affectedResource\":{\"type\":\"S3_BUCKET_NAME\",\"value\":\"b\#(n)\"}}"#
        return #"{"logStreamName":"bad1","timestamp":\#(1_700_000_000_000 + n),"message":"\#(message)","eventId":"\#(n)"}"#
    }

    func walk(
        eventLimit: Int = 2_000, attempts: Int = 1, _ logs: @escaping @Sendable (ScriptedHTTPServer.Request) -> ScriptedHTTPServer.Response
    ) async throws -> (ScopeBatch, [ScriptedHTTPServer.Request]) {
        let server = try ScriptedHTTPServer { request in
            switch request.uri {
            case "/jobs/list": return .init(200, #"{"items":[{"jobId":"bad1"},{"jobId":"ok1"}]}"#)
            case "/jobs/bad1": return .init(200, Self.failedJob)
            case "/jobs/ok1": return .init(200, Self.fineJob)
            default: return logs(request)
            }
        }
        defer { server.stop() }
        let client = try AWSClientTests.client(endpoint: server.url, attempts: attempts)
        let source = LiveJobSource(
            client: client, account: CallerAccount(known: "111122223333"),
            options: .init(
                regions: ["us-east-1"], maxConcurrency: 2, jobLogs: .init(eventLimit: eventLimit, rate: 1_000), findings: nil),
            logger: Logger(label: "test"))
        var batches: [ScopeBatch] = []
        for try await batch in source.batches() { batches.append(batch) }
        try #require(batches.count == 1)
        return (batches[0], server.requests.filter { $0.uri == "/" })
    }

    static func body(_ request: ScriptedHTTPServer.Request) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
    }

    @Test func pagesAreFollowedThroughEmptyOnesUntilNoTokenComes() async throws {
        let (batch, requests) = try await walk { request in
            switch Self.body(request)["nextToken"] as? String {
            case nil: return .init(200, #"{"events":[],"nextToken":"t1"}"#)
            case "t1": return .init(200, #"{"events":[\#(Self.event(1)),\#(Self.event(2))],"nextToken":"t2"}"#)
            default: return .init(200, #"{"events":[\#(Self.event(3))],"searchedLogStreams":[]}"#)
            }
        }
        #expect(requests.count == 3)
        let first = Self.body(requests[0])
        #expect(requests[0].header("X-Amz-Target") == "Logs_20140328.FilterLogEvents")
        #expect(requests[0].header("Content-Type") == "application/x-amz-json-1.1")
        #expect(requests[0].header("Authorization")?.contains("/us-east-1/logs/aws4_request") == true)
        #expect(first["logGroupName"] as? String == "/aws/macie/classificationjobs")
        #expect(first["logStreamNames"] as? [String] == ["bad1"])
        #expect(first["startTime"] as? Int == 1_795_154_400_500, "the last run's start, in milliseconds")
        let failed = try #require(batch.jobs.first { $0.job.jobId == "bad1" })
        #expect(failed.logs?.events.map(\.eventId) == ["1", "2", "3"])
        #expect(failed.logs?.stoppedAfter == nil)
        #expect(batch.jobs.first { $0.job.jobId == "ok1" }?.logs == nil, "a job that did not fail is not looked up")
        #expect(batch.logsGap == nil && batch.gap == nil)
    }

    @Test func readingStopsAtTheEventLimitAndSaysSo() async throws {
        let (batch, requests) = try await walk(eventLimit: 2) { _ in
            .init(200, #"{"events":[\#(Self.event(1)),\#(Self.event(2))],"nextToken":"more"}"#)
        }
        #expect(requests.count == 1)
        #expect(Self.body(requests[0])["limit"] as? Int == 2)
        let logs = try #require(batch.jobs.first { $0.job.jobId == "bad1" }?.logs)
        #expect(logs.events.count == 2 && logs.stoppedAfter == 2)
    }

    @Test func noLogGroupIsNoLogEventsNotAGap() async throws {
        let (batch, _) = try await walk { _ in
            .init(400, #"{"__type":"ResourceNotFoundException","message":"The specified log group does not exist."}"#)
        }
        let logs = try #require(batch.jobs.first { $0.job.jobId == "bad1" }?.logs)
        #expect(logs.wasRead && logs.events.isEmpty)
        #expect(batch.logsGap == nil)
    }

    @Test func accessDeniedIsANamedLogsGapAndTheJobsStay() async throws {
        let (batch, _) = try await walk { _ in
            .init(
                400, #"{"__type":"AccessDeniedException","message":"User is not authorized to perform: logs:FilterLogEvents"}"#)
        }
        #expect(batch.jobs.count == 2)
        #expect(batch.jobs.first { $0.job.jobId == "bad1" }?.logs == .unavailable)
        let gap = try #require(batch.logsGap)
        #expect(gap.listIsComplete)
        #expect(gap.reason.hasPrefix("log events of 1 job(s) could not be read, so why they failed is missing: access denied"))
        #expect(gap.reason.contains("--no-job-logs"))
        #expect(batch.gap == nil)
    }

    @Test func accessDeniedStopsTheScopesLookupsInsteadOfAskingForEveryJob() async throws {
        let ids = (1...12).map { "bad\($0)" }
        let server = try ScriptedHTTPServer { request in
            switch request.uri {
            case "/jobs/list": return .init(200, #"{"items":[\#(ids.map { #"{"jobId":"\#($0)"}"# }.joined(separator: ","))]}"#)
            case "/": return .init(400, #"{"__type":"AccessDeniedException","message":"no logs:FilterLogEvents"}"#)
            default:
                return .init(200, Self.failedJob.replacingOccurrences(of: "bad1", with: String(request.uri.dropFirst(6))))
            }
        }
        defer { server.stop() }
        let source = LiveJobSource(
            client: try AWSClientTests.client(endpoint: server.url), account: CallerAccount(known: "111122223333"),
            options: .init(regions: ["us-east-1"], maxConcurrency: 2, jobLogs: .init(rate: 1_000), findings: nil),
            logger: Logger(label: "test"))
        var batches: [ScopeBatch] = []
        for try await batch in source.batches() { batches.append(batch) }
        let batch = try #require(batches.first)
        #expect(batch.jobs.count == 12 && batch.jobs.allSatisfy { $0.logs == .unavailable })
        // At most one request per job under way when the first refusal came back.
        #expect(server.requests.filter { $0.uri == "/" }.count <= 2)
        #expect(batch.logsGap?.reason.hasPrefix("log events of 12 job(s) could not be read") == true)
    }

    @Test func aRepeatedTokenIsAnErrorNotALoop() async throws {
        let (batch, requests) = try await walk { _ in .init(200, #"{"events":[],"nextToken":"same"}"#) }
        #expect(requests.count == 2)
        #expect(batch.logsGap?.reason.contains("returned the same nextToken twice") == true)
        #expect(batch.jobs.first { $0.job.jobId == "bad1" }?.logs == .unavailable)
    }

    @Test func throttlingIsRetriedAndThePageStillRead() async throws {
        let calls = CallCounter()
        let (batch, requests) = try await walk(attempts: 3) { _ in
            calls.next() == 1
                ? .init(400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#)
                : .init(200, #"{"events":[\#(Self.event(1))]}"#)
        }
        #expect(requests.count == 2)
        #expect(batch.jobs.first { $0.job.jobId == "bad1" }?.logs?.events.map(\.eventId) == ["1"])
        #expect(batch.logsGap == nil)
    }

    @Test func anAnswerThatIsNotAPageIsMalformed() async throws {
        let (batch, _) = try await walk { _ in .init(200, #"{"events":"nope"}"#) }
        #expect(batch.logsGap?.reason.contains("does not match the CloudWatch Logs model") == true)
    }
}
