import AWSSigV4
import Foundation
import JobFetch
import TestSupport
import Testing

@testable import Macie2Emulator

/// A samples folder of several accounts served from disk: the home account read at start,
/// the others when first asked for, kept within a budget, and a broken file an error of that
/// account only.
@Suite struct DatasetStoreTests {
    static let home = "111111111111"
    static let other = "222222222222"
    static let broken = "333333333333"

    func folder() throws -> URL {
        let demo = TestSupport.demoSamples
        return try TestSupport.folder(with: [
            "us-east-1.json": try String(contentsOf: demo.appendingPathComponent("us-east-1.json"), encoding: .utf8),
            "\(Self.other)/eu-west-1.json": try String(
                contentsOf: demo.appendingPathComponent("eu-west-1.json"), encoding: .utf8),
            "\(Self.other)/findings/eu-west-1.json": #"[{"jobId": "j1", "severity": "Low", "archived": false, "count": 2}]"#,
            "\(Self.broken)/eu-west-1.json": "[{",
            "accounts.json":
                #"{"format": "macie-report accounts", "version": 1, "homeAccountId": "\#(Self.home)", "accounts": []}"#,
        ])
    }

    @Test func accountsAreReadWhenFirstAskedForAndABrokenOneFailsAlone() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let index = try SamplesIndex(directory: directory)
        #expect(index.accounts == [Self.other, Self.broken])
        #expect(!index.scopes.contains { $0.region == "accounts" })
        let service = try Macie2Service(
            samples: index, accounts: try AccountsFile.read(in: directory), credentials: [OrganizationFixture.base],
            now: { Macie2ServiceTests.now })
        #expect(service.accountId == Self.home)
        #expect(
            (try? OrganizationFixture.jobIds(service, SignedRequests(OrganizationFixture.base), region: "us-east-1").get().count)
                == 30)
        var store = try DatasetStore(index: index, home: Self.home)
        #expect(try store.dataset(Self.other).jobs["eu-west-1"]?.count == 25)
        #expect(try store.dataset(Self.other).findings["eu-west-1"]?.count == 1)
        #expect(try store.dataset("999999999999").jobs.isEmpty)
        #expect(throws: SourceError.self) { try store.dataset(Self.broken) }
        try Data("[]".utf8).write(to: directory.appendingPathComponent("\(Self.broken)/eu-west-1.json"))
        #expect(try store.dataset(Self.broken).jobs.isEmpty)
    }

    @Test func anUnreadableAccountIsAnInternalServerErrorForThatAccountOnly() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let accounts = AccountsFile(
            homeAccountId: Self.home,
            accounts: [RecordedAccount(id: Self.broken, roles: [.init(name: "MacieReport")])])
        let service = try Macie2Service(
            samples: SamplesIndex(directory: directory), accounts: accounts, credentials: [OrganizationFixture.base],
            now: { Macie2ServiceTests.now })
        let session = try #require(OrganizationFixture.session(service, Self.broken))
        #expect(throws: OrganizationFixture.TypeError(type: "InternalServerException", status: 500)) {
            try OrganizationFixture.jobIds(service, session, region: "eu-west-1").get()
        }
        #expect(service.counters.faults["unreadableSamples"] == 1)
    }

    @Test func theCacheKeepsAtMostItsBudgetAndRereadsWhatItLetGo() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.removeItem(at: directory.appendingPathComponent(Self.broken))
        try FileManager.default.copyItem(
            at: directory.appendingPathComponent(Self.other), to: directory.appendingPathComponent(Self.broken))
        var store = try DatasetStore(index: SamplesIndex(directory: directory), home: Self.home, budget: 30)
        #expect(try store.dataset(Self.other).jobs["eu-west-1"]?.count == 25)
        #expect(try store.dataset(Self.broken).jobs["eu-west-1"]?.count == 25)  // evicts the first
        try Data("[]".utf8).write(to: directory.appendingPathComponent("\(Self.other)/eu-west-1.json"))
        #expect(try store.dataset(Self.other).jobs.isEmpty)  // read again, so the new file shows
        #expect(try store.dataset(Self.broken).jobs["eu-west-1"]?.count == 25)  // still cached: 25 + 0 jobs fit
    }

    @Test func aBrokenHomeAccountFailsAtStart() throws {
        let directory = try TestSupport.folder(with: ["us-east-1.json": "{"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: SourceError.self) {
            try Macie2Service(samples: SamplesIndex(directory: directory), credentials: nil)
        }
    }
}
