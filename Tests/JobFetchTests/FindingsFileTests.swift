import Foundation
import JobFetch
import TestSupport
import Testing

/// `findings/<region>.json`: read whole, tolerant of new members, strict about the groups.
@Suite struct FindingsFileTests {
    func failure(_ url: URL) -> String? {
        do {
            _ = try FindingsFile.read(url)
            return nil
        } catch let error as SourceError {
            return error.description
        } catch {
            return "unexpected error type: \(error)"
        }
    }

    @Test func readsGroupsIgnoringMembersItDoesNotKnow() throws {
        let folder = try TestSupport.folder(with: [
            "findings/us-east-1.json":
                #"[{"jobId":"j1","severity":"High","archived":false,"count":3,"bucket":"b"},{"jobId":"j1","severity":"Low","archived":true,"count":2}]"#
        ])
        let groups = try FindingsFile.read(folder.appendingPathComponent("findings/us-east-1.json"))
        #expect(
            groups == [
                FindingCount(jobId: "j1", severity: "High", count: 3),
                FindingCount(jobId: "j1", severity: "Low", archived: true, count: 2),
            ])
    }

    @Test func refusesAFileThatIsNotAListOfGroups() throws {
        let folder = try TestSupport.folder(with: [
            "a.json": #"{"jobId":"j1"}"#,
            "b.json": #"[{"jobId":"j1","severity":"High","count":3}]"#,
            "c.json": #"[{"jobId":"j1","severity":"High","archived":false,"count":-1}]"#,
        ])
        #expect(failure(folder.appendingPathComponent("a.json"))?.contains("is not a JSON list of {jobId") == true)
        #expect(failure(folder.appendingPathComponent("b.json"))?.contains("archived is missing") == true)
        #expect(failure(folder.appendingPathComponent("c.json"))?.contains("entry [0]: count -1 is negative") == true)
        #expect(failure(folder.appendingPathComponent("none.json"))?.contains("does not exist") == true)
    }

    @Test func theLayoutFindsFindingsBesideRegionsAndInAccountFolders() async throws {
        let group = #"[{"jobId":"j1","severity":"Medium","archived":false,"count":1}]"#
        let folder = try TestSupport.folder(with: [
            "us-east-1.json": "[]", "findings/us-east-1.json": group,
            "111122223333/eu-west-1.json": "[]", "111122223333/findings/eu-west-1.json": group,
        ])
        let scopes = try SamplesJobSource.recordedFindingsByScope(in: folder)
        #expect(
            scopes == [
                Scope(region: "us-east-1"): [FindingCount(jobId: "j1", severity: "Medium", count: 1)],
                Scope(accountId: "111122223333", region: "eu-west-1"): [FindingCount(jobId: "j1", severity: "Medium", count: 1)],
            ])
        // The folder is known: neither read as jobs nor reported as a folder not named like an account.
        var batches: [ScopeBatch] = []
        for try await batch in SamplesJobSource(directory: folder).batches() { batches.append(batch) }
        #expect(batches.map(\.region) == ["eu-west-1", "us-east-1"])
        #expect(batches.allSatisfy { $0.diagnostics.isEmpty })
    }

    /// The totals of samples/demo/EXPECTED.txt's findings section, counted again from the file.
    @Test func theDemoFindingsAddUpToEXPECTED() throws {
        let scopes = try SamplesJobSource.recordedFindingsByScope(in: TestSupport.demoSamples)
        #expect(Set(scopes.keys) == [Scope(region: "us-east-1"), Scope(region: "eu-west-1"), Scope(region: "ap-southeast-2")])
        let groups = scopes.values.flatMap { $0 }
        func total(_ severity: String, archived: Bool) -> Int64 {
            groups.filter { $0.severity == severity && $0.archived == archived }.map(\.count).reduce(0, +)
        }
        #expect(groups.count == 129)
        #expect(Set(groups.map(\.jobId)).count == 51)
        #expect([total("High", archived: false), total("Medium", archived: false), total("Low", archived: false)] == [59, 460, 1609])
        #expect([total("High", archived: true), total("Medium", archived: true), total("Low", archived: true)] == [13, 13, 28])
    }
}
