import AWSSigV4
import Foundation
import JobFetch
import JobLogModel
import TestSupport
import Testing

@testable import Macie2Emulator

/// FilterLogEvents on the emulator, without a socket: signed JSON 1.1 requests in, pages out,
/// checked against samples/demo/logs.
@Suite struct FilterLogEventsTests {
    static let credentials = AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret")
    static let now = Date(timeIntervalSince1970: 1_790_000_000)
    static let jobs = try! SamplesJobSource.recordedJobs(in: TestSupport.demoSamples)
    /// The demo's recorded log events by region, then job id.
    static let logs: [String: [String: JobLogs]] = {
        var byRegion: [String: [String: JobLogs]] = [:]
        for (scope, jobs) in try! SamplesJobSource.recordedLogsByScope(in: TestSupport.demoSamples) {
            byRegion[scope.region, default: [:]].merge(jobs) { $1 }
        }
        return byRegion
    }()

    /// The demo job with the most events in us-east-1.
    static let busiest: (id: String, events: [FilteredLogEvent]) = {
        let (id, logs) = Self.logs["us-east-1"]!.max { ($0.value.events.count, $1.key) < ($1.value.events.count, $0.key) }!
        return (id, logs.events)
    }()

    func service(_ faults: FaultOptions = FaultOptions(), now: @escaping @Sendable () -> Date = { Self.now }) -> Macie2Service {
        Macie2Service(jobs: Self.jobs, logs: Self.logs, credentials: [Self.credentials], faults: faults, now: now)
    }

    func signed(_ body: [String: Any], region: String = "us-east-1", target: String = "FilterLogEvents") throws
        -> EmulatorRequest
    {
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        let signer = SigV4Signer(credentials: Self.credentials, scope: .init(region: region, service: "logs"))
        let request = SigningRequest(
            method: "POST", path: "/",
            headers: [
                ("Host", "127.0.0.1"), ("Content-Type", "application/x-amz-json-1.1"),
                ("X-Amz-Target", "Logs_20140328.\(target)"),
            ], payloadHash: SigV4.payloadHash(data))
        return EmulatorRequest(
            method: "POST", path: "/", headers: signer.sign(request, date: Self.now).headers, body: Array(data))
    }

    struct Page {
        var status: Int
        var type: String?
        var json: [String: Any]
        var events: [FilteredLogEvent]
        var nextToken: String? { json["nextToken"] as? String }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func page(_ service: Macie2Service, _ body: [String: Any], region: String = "us-east-1") throws -> Page {
        guard case .respond(let response, _) = service.handle(try signed(body, region: region)) else {
            throw Failure(description: "connection dropped")
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        let decoded = try? JSONDecoder().decode(FilterLogEventsResponse.self, from: Data(response.body))
        let type = response.headers.first { $0.name == "x-amzn-ErrorType" }?.value
        if response.status != 200 { #expect(json["__type"] as? String == type) }
        return Page(status: response.status, type: type, json: json, events: decoded?.events ?? [])
    }

    /// Every page of one query: the events and the number of pages.
    func readAll(_ service: Macie2Service, _ body: [String: Any], region: String = "us-east-1") throws -> (
        [FilteredLogEvent], pages: [Int]
    ) {
        var request = body
        var events: [FilteredLogEvent] = []
        var sizes: [Int] = []
        for _ in 0..<1000 {
            let reply = try page(service, request, region: region)
            guard reply.status == 200 else { throw Failure(description: "status \(reply.status): \(reply.json)") }
            events += reply.events
            sizes.append(reply.events.count)
            guard let token = reply.nextToken else { return (events, sizes) }
            #expect(token != request["nextToken"] as? String)
            request["nextToken"] = token
        }
        throw Failure(description: "paging did not end")
    }

    @Test func servesEachJobsRecordedEventsInTimestampOrder() throws {
        for (region, jobs) in Self.logs {
            for (jobId, logs) in jobs {
                let (events, _) = try readAll(
                    service(), ["logGroupName": JobLogs.logGroupName, "logStreamNames": [jobId]], region: region)
                #expect(events == logs.events.sorted { ($0.timestamp ?? 0) < ($1.timestamp ?? 0) })
            }
        }
        let all = try readAll(service(), ["logGroupName": JobLogs.logGroupName]).0
        #expect(all.count == Self.logs["us-east-1"]!.values.reduce(0) { $0 + $1.events.count })
        #expect(all.map { $0.timestamp ?? 0 } == all.map { $0.timestamp ?? 0 }.sorted())
        // A stream with no events is no events, not an error.
        let none = try readAll(service(), ["logGroupName": JobLogs.logGroupName, "logStreamNames": ["no-such-job"]])
        #expect(none.0.isEmpty && none.pages == [0])
    }

    @Test func emptyPagesPrecedeEachJobsEventsAndPagesAreCapped() throws {
        var faults = FaultOptions()
        faults.logsEmptyPages = 2
        faults.logsPageSize = 3
        let emulator = service(faults)
        let (events, pages) = try readAll(
            emulator, ["logGroupName": JobLogs.logGroupName, "logStreamNames": [Self.busiest.id], "limit": 100])
        #expect(events == Self.busiest.events)
        let full = Self.busiest.events.count
        #expect(pages == [0, 0] + Array(repeating: 3, count: full / 3) + (full % 3 == 0 ? [] : [full % 3]))
        #expect(emulator.counters.faults["logsEmptyPage"] == 2)
        #expect(emulator.counters.requests["FilterLogEvents"] == pages.count)
        // A smaller limit than the cap wins; two streams each get their empty pages.
        let two = Array(Self.logs["us-east-1"]!.keys.sorted().prefix(2))
        let (both, twoPages) = try readAll(
            service(faults), ["logGroupName": JobLogs.logGroupName, "logStreamNames": two, "limit": 2])
        #expect(Set(both) == Set(two.flatMap { Self.logs["us-east-1"]![$0]!.events }))
        #expect(twoPages.allSatisfy { $0 <= 2 })
        #expect(twoPages.filter { $0 == 0 }.count >= 4)
        // Nothing to read still gets its empty pages, then ends.
        #expect(
            try readAll(service(faults), ["logGroupName": JobLogs.logGroupName, "logStreamNames": ["none"]]).pages == [0, 0, 0])
    }

    @Test func startTimeIsInclusiveAndEndTimeToo() throws {
        let events = Self.busiest.events
        let third = events[2].timestamp!
        let from = try readAll(
            service(), ["logGroupName": JobLogs.logGroupName, "logStreamNames": [Self.busiest.id], "startTime": third]
        ).0
        #expect(from == Array(events.dropFirst(2)))
        let to = try readAll(
            service(), ["logGroupName": JobLogs.logGroupName, "logStreamNames": [Self.busiest.id], "endTime": third]
        ).0
        #expect(to == Array(events.prefix(3)))
        let after = try readAll(
            service(), ["logGroupName": JobLogs.logGroupName, "logStreamNames": [Self.busiest.id], "startTime": Int64.max / 2]
        ).0
        #expect(after.isEmpty)
    }

    @Test func unknownGroupAndInvalidParametersAreRefused() throws {
        let missing = try page(service(), ["logGroupName": "/aws/lambda/other"])
        #expect(missing.status == 400 && missing.type == "ResourceNotFoundException")
        #expect(missing.json["message"] as? String == "The specified log group does not exist.")
        // A region the samples recorded no log events for has no log group.
        #expect(
            try page(service(), ["logGroupName": JobLogs.logGroupName], region: "sa-east-1").type == "ResourceNotFoundException")
        for limit in [0, 10_001, -1] {
            let refused = try page(service(), ["logGroupName": JobLogs.logGroupName, "limit": limit])
            #expect(refused.status == 400 && refused.type == "InvalidParameterException", "limit \(limit)")
        }
        for limit in [1, 10_000] {
            #expect(try page(service(), ["logGroupName": JobLogs.logGroupName, "limit": limit]).status == 200)
        }
        let noGroup = try page(service(), ["limit": 5])
        #expect(noGroup.type == "InvalidParameterException")
        let badToken = try page(service(), ["logGroupName": JobLogs.logGroupName, "nextToken": "bogus"])
        #expect(badToken.type == "InvalidParameterException")
        let backwards = try page(service(), ["logGroupName": JobLogs.logGroupName, "startTime": 10, "endTime": 5])
        #expect(backwards.type == "InvalidParameterException")
        guard case .respond(let other, _) = service().handle(try signed([:], target: "GetLogEvents")) else { return }
        #expect(other.status == 400)
    }

    @Test func overTheLogsRateIsThrottledPerRegion() throws {
        var faults = FaultOptions()
        faults.logsRate = 2
        let emulator = service(faults)
        let body: [String: Any] = ["logGroupName": JobLogs.logGroupName, "logStreamNames": [Self.busiest.id]]
        let statuses = try (0..<4).map { _ in try page(emulator, body) }
        #expect(statuses.map(\.status) == [200, 200, 400, 400])
        #expect(statuses[2].type == "ThrottlingException" && statuses[2].json["message"] as? String == "Rate exceeded")
        // Another region has its own bucket.
        #expect(try page(emulator, ["logGroupName": JobLogs.logGroupName], region: "eu-west-1").status == 200)
        #expect(emulator.counters.faults["logsRateLimit"] == 2)
        #expect(emulator.counters.requests["FilterLogEvents"] == 5)
    }

    @Test func deniedLogsRegionIsAccessDeniedThere() throws {
        var faults = FaultOptions()
        faults.deniedLogsRegions = ["eu-west-1"]
        let emulator = service(faults)
        let denied = try page(emulator, ["logGroupName": JobLogs.logGroupName], region: "eu-west-1")
        #expect(denied.status == 400 && denied.type == "AccessDeniedException")
        #expect((denied.json["message"] as? String)?.contains("logs:FilterLogEvents") == true)
        #expect(try page(emulator, ["logGroupName": JobLogs.logGroupName], region: "us-east-1").status == 200)
        #expect(emulator.counters.faults["deniedLogs"] == 1)
    }

    @Test func aRequestSignedForAnotherServiceIsRefused() throws {
        var request = try signed(["logGroupName": JobLogs.logGroupName])
        request.body = Array(#"{"logGroupName":"/tampered"}"#.utf8)
        guard case .respond(let response, _) = service().handle(request) else { throw Failure(description: "dropped") }
        #expect(response.status == 403)
        #expect(response.headers.contains { $0.name == "x-amzn-ErrorType" && $0.value == "InvalidSignatureException" })
        #expect(response.headers.contains { $0.name == "Content-Type" && $0.value == "application/x-amz-json-1.1" })
    }
}
