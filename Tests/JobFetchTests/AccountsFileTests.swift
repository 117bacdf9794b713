import Foundation
import TestSupport
import Testing

@testable import JobFetch

/// `accounts.json`: read with its defaults, written without them, refused when it is not ours
/// or names accounts wrongly, and never taken for a region file.
@Suite struct AccountsFileTests {
    static let example = """
        {"format": "macie-report accounts", "version": 1,
         "homeAccountId": "111122223333", "organizationId": "o-a1b2c3d4e5",
         "accounts": [
          {"id": "111122223333", "name": "Management", "status": "ACTIVE", "inOrganization": true, "macieOff": ["sa-east-1"]},
          {"id": "444455556666", "name": "Payments", "inOrganization": true, "macieMember": "Enabled",
           "roles": [{"name": "MacieReport", "externalId": "nightly"}], "futureMember": 1},
          {"id": "777788889999"}]}
        """

    @Test func readsTheExampleWithDefaultsForWhatIsLeftOut() throws {
        let directory = try TestSupport.folder(with: [AccountsFile.fileName: Self.example])
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try #require(try AccountsFile.read(in: directory))
        #expect(file.homeAccountId == "111122223333" && file.organizationId == "o-a1b2c3d4e5")
        #expect(file.accounts.map(\.id) == ["111122223333", "444455556666", "777788889999"])
        #expect(file.accounts[0].macieOff == ["sa-east-1"] && file.accounts[0].macieMember == nil)
        #expect(file.accounts[1].roles == [.init(name: "MacieReport", externalId: "nightly")])
        #expect(file.accounts[1].status == "ACTIVE")
        let bare = file.accounts[2]
        #expect(bare == RecordedAccount(id: "777788889999"))
        #expect(!bare.inOrganization && bare.roles.isEmpty && bare.macieOff.isEmpty && bare.name == nil)
    }

    @Test func writesWithoutDefaultsAndReadsBackTheSame() throws {
        let file = AccountsFile(
            homeAccountId: "111122223333",
            accounts: [
                RecordedAccount(id: "111122223333"),
                RecordedAccount(
                    id: "444455556666", name: "Payments", inOrganization: true, macieMember: "Paused",
                    roles: [.init(name: "MacieReport", trustedAccountId: "111122223333")], macieOff: ["eu-west-1"]),
            ])
        let text = String(decoding: try file.encoded(), as: UTF8.self)
        #expect(!text.contains("inOrganization\" : false") && !text.contains("\"roles\" : [\n\n"))
        #expect(text.contains(#""id" : "111122223333",\#n      "status" : "ACTIVE"\#n"#))
        let directory = try TestSupport.folder(with: [AccountsFile.fileName: text])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try AccountsFile.read(in: directory) == file)
    }

    @Test func refusesFilesThatAreNotOursOrNameAccountsWrongly() throws {
        let cases = [
            (#"{"format": "other", "version": 1, "accounts": []}"#, "format is \"other\""),
            (#"{"format": "macie-report accounts", "version": 9, "accounts": []}"#, "version 9 is newer"),
            (#"{"format": "macie-report accounts", "version": 1, "accounts": [{"id": "12345"}]}"#, "accounts[0]: id \"12345\""),
            (
                #"{"format": "macie-report accounts", "version": 1, "accounts": [{"id": "111122223333"}, {"id": "111122223333"}]}"#,
                "accounts[1]: account 111122223333 is listed twice"
            ),
            (#"{"format": "macie-report accounts", "version": 1, "accounts": [{"name": "x"}]}"#, "id is missing"),
            (#"{"format": "macie-report accounts", "version": 1, "homeAccountId": "x", "accounts": []}"#, "homeAccountId \"x\""),
        ]
        for (text, expected) in cases {
            let directory = try TestSupport.folder(with: [AccountsFile.fileName: text])
            defer { try? FileManager.default.removeItem(at: directory) }
            let error = try #require(throws: SourceError.self) { try AccountsFile.read(in: directory) }
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.contains(directory.appendingPathComponent(AccountsFile.fileName).path))
        }
        let empty = try TestSupport.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(try AccountsFile.read(in: empty) == nil)
    }

    @Test func theSamplesReaderNeverTakesItForARegion() throws {
        let demo = TestSupport.demoSamples.appendingPathComponent("ap-southeast-2.json")
        let directory = try TestSupport.folder(with: [
            AccountsFile.fileName: Self.example, "ap-southeast-2.json": try String(contentsOf: demo, encoding: .utf8),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(Set(try SamplesJobSource.recordedJobs(in: directory).keys) == ["ap-southeast-2"])
        #expect(try SamplesIndex(directory: directory).scopes == [Scope(region: "ap-southeast-2")])
    }
}
