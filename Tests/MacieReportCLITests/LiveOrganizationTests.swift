import Foundation
import TestSupport
import Testing

/// `macie-report run --org|--accounts|--macie-members --role-name` against macie2-emulator
/// playing an organization: every account-region walked with the right credentials, Macie
/// off a fact and not a gap, a refused role the account's gap (exit 3) named once, and the
/// recording replayed byte for byte.
@Suite(.serialized) struct LiveOrganizationTests {
    static let home = "111111111111"
    static let prod = "222222222222"
    static let noRole = "333333333333"
    static let archive = "444444444444"
    static let accounts = #"""
        {"format": "macie-report accounts", "version": 1, "homeAccountId": "111111111111", "organizationId": "o-test1",
         "accounts": [
          {"id": "111111111111", "name": "management", "inOrganization": true},
          {"id": "222222222222", "name": "prod <b>", "inOrganization": true, "macieMember": "Enabled",
           "roles": [{"name": "MacieReport"}]},
          {"id": "333333333333", "name": "sandbox", "inOrganization": true, "macieMember": "Enabled"},
          {"id": "444444444444", "name": "archive", "inOrganization": true, "roles": [{"name": "MacieReport"}],
           "macieOff": ["eu-west-1"]},
          {"id": "555555555555", "name": "closed", "status": "SUSPENDED", "inOrganization": true,
           "roles": [{"name": "MacieReport"}]}]}
        """#

    /// An organization of demo jobs: the home and prod accounts get us-east-1's, archive gets
    /// eu-west-1's (where Macie is off for it, so none are served).
    static func organization() throws -> URL {
        let demo = { (region: String) in
            try String(contentsOf: TestSupport.demoSamples.appendingPathComponent("\(region).json"), encoding: .utf8)
        }
        return try TestSupport.folder(with: [
            "accounts.json": accounts,
            "\(home)/us-east-1.json": try demo("us-east-1"),
            "\(prod)/eu-west-1.json": try demo("eu-west-1"),
            "\(archive)/eu-west-1.json": try demo("eu-west-1"),
        ])
    }

    func run(_ emulator: EmulatorProcess, _ extra: [String]) throws -> (TestSupport.ProcessResult, URL) {
        let out = try TestSupport.scratchDirectory("org")
        let arguments =
            ["run", "--region", "us-east-1", "--region", "eu-west-1", "--endpoint-url", emulator.url, "--output-dir", out.path,
             "--as-of", TestSupport.demoAsOf, "--no-job-logs", "--format", "csv"] + extra
        return (try TestSupport.run(TestSupport.executable(), arguments, environment: LiveRunTests().environment()), out)
    }

    /// How many jobs the demo has in a region.
    static func demoJobs(_ region: String) throws -> Int {
        let data = try Data(contentsOf: TestSupport.demoSamples.appendingPathComponent("\(region).json"))
        return (try JSONSerialization.jsonObject(with: data) as? [Any])?.count ?? -1
    }

    @Test func theWholeOrganizationIsWalkedAndARefusedRoleIsOneGap() throws {
        let emulator = try EmulatorProcess(
            ["--credentials", "\(LiveRunTests.key):\(LiveRunTests.secret)"], samples: try Self.organization())
        defer { emulator.stop() }
        let (result, out) = try run(emulator, ["--org", "--role-name", "MacieReport"])
        #expect(result.status == 3, "\(result.stderr)")
        let gapLines = result.stderr.split(separator: "\n").filter { $0.contains("incomplete in the report") }
        #expect(gapLines.count == 1, "one line for the account, not one per region: \(result.stderr)")
        #expect(
            gapLines.first?.hasPrefix(
                "macie-report: error: regions eu-west-1, us-east-1 are incomplete in the report: account 333333333333: AssumeRole on arn:aws:iam::333333333333:role/MacieReport was denied"
            ) == true, "\(result.stderr)")
        #expect(gapLines.first?.hasSuffix("(account 333333333333 (sandbox))") == true, "named as Organizations names it")
        #expect(!result.stderr.contains("555555555555"), "a SUSPENDED account is not walked")
        #expect(!result.stderr.contains("444444444444"), "Macie off is not a gap")
        // The demo's us-east-1 jobs for the home account, its eu-west-1 ones for prod; none for
        // archive, where Macie is off in eu-west-1.
        let rows = try CSVReader.parse(try String(contentsOf: out.appendingPathComponent("jobs.csv"), encoding: .utf8))
        let regions = Dictionary(grouping: rows.dropFirst(), by: { $0[1] }).mapValues(\.count)
        #expect(regions == ["us-east-1": try Self.demoJobs("us-east-1"), "eu-west-1": try Self.demoJobs("eu-west-1")])
        #expect(result.stdout.contains("jobs in 2 regions"))
        let coverage = try CSVReader.parse(
            try String(contentsOf: out.appendingPathComponent("coverage.csv"), encoding: .utf8))
        #expect(coverage.first == ["accountId", "accountName", "region", "state", "jobs", "errorJobs", "note"])
        let states = coverage.dropFirst().map { "\($0[0]) \($0[1]) \($0[2]) \($0[3])" }
        #expect(
            states == [
                "111111111111 management eu-west-1 ok", "111111111111 management us-east-1 ok",
                "222222222222 prod <b> eu-west-1 ok", "222222222222 prod <b> us-east-1 ok",
                "333333333333 sandbox eu-west-1 role-denied", "333333333333 sandbox us-east-1 role-denied",
                "444444444444 archive eu-west-1 macie-off", "444444444444 archive us-east-1 ok",
            ])
        let prodJobs = coverage.first { $0[0] == Self.prod && $0[2] == "eu-west-1" }?[4]
        #expect(prodJobs == String(try Self.demoJobs("eu-west-1")))
    }

    @Test func accountsByListWalkOnlyThoseAndTheCaller() throws {
        let emulator = try EmulatorProcess(
            ["--credentials", "\(LiveRunTests.key):\(LiveRunTests.secret)"], samples: try Self.organization())
        defer { emulator.stop() }
        let list = try TestSupport.folder(with: ["accounts.txt": "# prod only\n222222222222 Production\n\n"])
        let (result, out) = try run(
            emulator, ["--accounts", "@" + list.appendingPathComponent("accounts.txt").path, "--role-name", "MacieReport"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try CSVReader.parse(try String(contentsOf: out.appendingPathComponent("jobs.csv"), encoding: .utf8))
        #expect(Set(rows.dropFirst().map { $0[1] }) == ["us-east-1", "eu-west-1"])
        let (bad, _) = try run(emulator, ["--accounts", "22222222222x", "--role-name", "MacieReport"])
        #expect(bad.status == 2, "\(bad.stderr)")
        let (noRole, _) = try run(emulator, ["--org"])
        #expect(noRole.status == 2)
        #expect(noRole.stderr.contains("give --role-name NAME"))
    }

    @Test func theRecordingOfAnOrganizationReplaysByteForByte() throws {
        let emulator = try EmulatorProcess(
            ["--credentials", "\(LiveRunTests.key):\(LiveRunTests.secret)"], samples: try Self.organization())
        defer { emulator.stop() }
        let samples = try TestSupport.scratchDirectory("org-samples").appendingPathComponent("night")
        let (recorded, liveOut) = try run(emulator, ["--macie-members", "--role-name", "MacieReport", "--save-samples", samples.path])
        #expect(recorded.status == 3, "sandbox's role is refused: \(recorded.stderr)")
        let manifest = try String(contentsOf: samples.appendingPathComponent("scopes.json"), encoding: .utf8)
        #expect(manifest.contains("\"state\" : \"role-denied\""))
        #expect(manifest.contains("\"accountName\" : \"sandbox\"") == false, "ListMembers gives no names")
        let out = try TestSupport.scratchDirectory("org-replay")
        let replayed = try TestSupport.run(
            TestSupport.executable(),
            ["run", "--samples", samples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf, "--format", "csv"])
        #expect(replayed.status == 3)
        #expect(replayed.stderr == recorded.stderr)
        let live = try TestSupport.snapshot(liveOut)
        let offline = try TestSupport.snapshot(out)
        for name in live.keys.sorted() { #expect(live[name] == offline[name], "\(name) differs between live and replay") }
    }
}
