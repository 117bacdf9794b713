import Foundation
import JobFetch
import Macie2Model
import TestSupport
import Testing

@Suite struct SamplesJobSourceTests {
    func collect(_ directory: URL) async throws -> [ScopeBatch] {
        var batches: [ScopeBatch] = []
        for try await batch in SamplesJobSource(directory: directory).batches() { batches.append(batch) }
        return batches
    }

    func failure(_ directory: URL) async -> String? {
        do {
            _ = try await collect(directory)
            return nil
        } catch let error as SourceError {
            return error.description
        } catch {
            return "unexpected error type: \(error)"
        }
    }

    @Test func decodesEveryDemoJobIncludingUnknownEnumValues() async throws {
        let batches = try await collect(TestSupport.demoSamples)
        #expect(batches.map(\.region) == ["ap-southeast-2", "eu-west-1", "us-east-1"])
        #expect(batches.map(\.jobs.count) == [21, 25, 30])
        let jobs = batches.flatMap(\.jobs).map(\.job)
        #expect(jobs.allSatisfy { $0.jobId?.count == 32 && $0.jobArn != nil })
        let unknown = jobs.filter { $0.jobStatus?.isKnown == false }
        #expect(unknown.map(\.jobStatus?.rawValue) == ["ARCHIVED"])
        #expect(unknown.first?.jobId == "831c71793b27086712aefa1b0519a362")
        #expect(jobs.filter { $0.lastRunTime == nil }.count == 4)
        #expect(jobs.filter { $0.lastRunErrorStatus == nil }.count == 8)
        #expect(batches.allSatisfy { $0.diagnostics.isEmpty && $0.gap == nil })
        // The 10 000-character name survives decoding whole.
        #expect(jobs.contains { $0.name?.count == 10_000 })
    }

    @Test func namesFileLineAndColumnOfMalformedJSON() async throws {
        let folder = try TestSupport.folder(with: [
            "us-east-1.json": "[\n  {\"jobId\": \"a\"},\n  {\"jobId\": \"b\",, \"name\": \"x\"}\n]\n"
        ])
        let message = try #require(await failure(folder))
        #expect(message.contains("us-east-1.json"))
        #expect(message.contains("line 3, column 17"))
        #expect(message.contains("expected a member name"))
    }

    @Test func namesTheJobAndMemberOfAWrongType() async throws {
        let folder = try TestSupport.folder(with: [
            "eu-west-1.json": #"[{"jobId":"ok"},{"jobId":"bad1","statistics":{"numberOfRuns":"three"}}]"#
        ])
        let message = try #require(await failure(folder))
        #expect(message.contains("eu-west-1.json"))
        #expect(message.contains("job [1] (jobId bad1), member statistics.numberOfRuns: expected a number"))
    }

    @Test func aBadLogEventsFileNamesTheEntryOrTheJob() async throws {
        let job = #"[{"jobId":"j1","jobStatus":"CANCELLED"}]"#
        let noId = try TestSupport.folder(with: ["us-east-1.json": job, "logs/us-east-1.json": #"[{"events":[]}]"#])
        #expect(try #require(await failure(noId)).contains("logs/us-east-1.json, entry [0]: member jobId is missing"))
        let notAList = try TestSupport.folder(with: ["us-east-1.json": job, "logs/us-east-1.json": #"{"jobId":"j1"}"#])
        #expect(try #require(await failure(notAList)).contains("is not a JSON list of {jobId, events}"))
        let badEvents = try TestSupport.folder(with: [
            "us-east-1.json": job, "logs/us-east-1.json": #"[{"jobId":"j1","events":[{"timestamp":"noon"}]}]"#,
        ])
        #expect(try #require(await failure(badEvents)).contains("logs/us-east-1.json, job j1: member events"))
        let fine = try TestSupport.folder(with: [
            "us-east-1.json": job, "logs/us-east-1.json": #"[{"jobId":"other","events":[]},{"jobId":"j1","events":[{"message":"m"}]}]"#,
        ])
        let batches = try await collect(fine)
        #expect(batches.first?.jobs.first?.logs?.events.map(\.message) == ["m"])
    }

    @Test func namesABadTimestamp() async throws {
        let folder = try TestSupport.folder(with: ["eu-west-1.json": #"[{"jobId":"t","createdAt":"yesterday"}]"#])
        let message = try #require(await failure(folder))
        #expect(message.contains("job [0] (jobId t), member createdAt"))
        #expect(message.contains("not an ISO-8601 timestamp: \"yesterday\""))
    }

    @Test func refusesATopLevelObject() async throws {
        let folder = try TestSupport.folder(with: ["eu-west-1.json": #"{"items":[]}"#])
        #expect(await failure(folder)?.contains("expected a JSON array") == true)
    }

    @Test func refusesAMissingOrEmptyFolder() async throws {
        let empty = try TestSupport.scratchDirectory()
        #expect(await failure(empty)?.contains("no <region>.json files") == true)
        let missing = empty.appendingPathComponent("nope")
        #expect(await failure(missing)?.contains("does not exist") == true)
    }

    @Test func warnsAboutAFileNotNamedLikeARegion() async throws {
        let folder = try TestSupport.folder(with: ["notes.json": "[]", "us-west-2.json": "[]"])
        let batches = try await collect(folder)
        #expect(batches.map(\.region) == ["notes", "us-west-2"])
        #expect(batches[0].diagnostics.first?.message.contains("not named like an AWS region") == true)
        #expect(batches[1].diagnostics.isEmpty)
    }
}
