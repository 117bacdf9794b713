import Foundation
import JobFetch
import TestSupport
import Testing

/// `--save-samples` then `--samples`: a live night replayed offline gives the same reports,
/// byte for byte, gaps, caveats and accounts included.
@Suite(.serialized) struct RecordReplayTests {
    static let key = "AKIDREC"
    static let secret = "record-secret"

    func environment() -> [String: String] {
        [
            "PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": Self.key, "AWS_SECRET_ACCESS_KEY": Self.secret, "AWS_MAX_ATTEMPTS": "2",
        ]
    }

    func live(_ emulator: EmulatorProcess, saveTo samples: URL, _ extra: [String] = []) throws -> (TestSupport.ProcessResult, URL)
    {
        let out = try TestSupport.scratchDirectory("recorded")
        let arguments =
            [
                "run", "--region", "us-east-1", "--region", "eu-west-1", "--region", "ap-southeast-2", "--endpoint-url",
                emulator.url, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf, "--save-samples", samples.path,
            ] + extra
        return (try TestSupport.run(TestSupport.executable(), arguments, environment: environment()), out)
    }

    func replay(_ samples: URL, _ extra: [String] = []) throws -> (TestSupport.ProcessResult, URL) {
        let out = try TestSupport.scratchDirectory("replayed")
        let result = try TestSupport.run(
            TestSupport.executable(),
            ["run", "--samples", samples.path, "--output-dir", out.path, "--as-of", TestSupport.demoAsOf] + extra,
            environment: environment())
        return (result, out)
    }

    @Test func aPartialLiveNightReplaysToByteIdenticalReports() throws {
        let vanished = "05a0e4f2537264b94f51de2562d35e6c"
        let emulator = try EmulatorProcess([
            "--credentials", "\(Self.key):\(Self.secret)", "--deny-region", "eu-west-1", "--vanish-job", vanished,
            "--account-id", "210987654321", "--deny-logs", "ap-southeast-2",
        ])
        defer { emulator.stop() }
        let samples = try TestSupport.scratchDirectory("samples").appendingPathComponent("night")
        let (recorded, liveOut) = try live(emulator, saveTo: samples)
        #expect(recorded.status == 3, "\(recorded.stderr)")
        #expect(
            recorded.stderr.contains(
                "region eu-west-1 is incomplete in the report: access denied for ListClassificationJobs"))
        #expect(recorded.stderr.contains("(account 210987654321)"), "the gap names its scope's account")
        let files = try FileManager.default.contentsOfDirectory(atPath: samples.appendingPathComponent("210987654321").path)
        #expect(files.sorted() == ["ap-southeast-2.json", "eu-west-1.json", "findings", "logs", "us-east-1.json"])
        let findingFiles = try FileManager.default.contentsOfDirectory(
            atPath: samples.appendingPathComponent("210987654321/findings").path)
        #expect(findingFiles.sorted() == ["ap-southeast-2.json", "us-east-1.json"], "no jobs were listed in eu-west-1")
        for region in findingFiles {
            let recorded = try Set(FindingsFile.read(samples.appendingPathComponent("210987654321/findings/\(region)")))
            let demo = try Set(FindingsFile.read(TestSupport.demoSamples.appendingPathComponent("findings/\(region)")))
            #expect(recorded == demo, "\(region): archived and not recorded apart, as the demo has them")
        }
        let logFiles = try FileManager.default.contentsOfDirectory(
            atPath: samples.appendingPathComponent("210987654321/logs").path)
        #expect(logFiles.sorted() == ["ap-southeast-2.json", "us-east-1.json"], "no jobs were listed in eu-west-1")
        #expect(
            recorded.stderr.contains(
                "region ap-southeast-2 is incomplete in the report: log events of 5 job(s) could not be read, so why they failed is missing: access denied"
            ), "\(recorded.stderr)")
        let manifest = try String(contentsOf: samples.appendingPathComponent("scopes.json"), encoding: .utf8)
        #expect(manifest.contains("vanished between ListClassificationJobs and DescribeClassificationJob"))
        #expect(manifest.contains("\"logsGap\""))

        let (replayed, replayOut) = try replay(samples)
        #expect(replayed.status == 3, "the replay is as incomplete as the night: \(replayed.stderr)")
        #expect(replayed.stderr == recorded.stderr)
        #expect(
            replayed.stdout.replacingOccurrences(of: replayOut.path, with: "OUT")
                == recorded.stdout.replacingOccurrences(of: liveOut.path, with: "OUT"))
        let live = try TestSupport.snapshot(liveOut)
        let offline = try TestSupport.snapshot(replayOut)
        #expect(live.keys.sorted() == ["coverage.csv", "errors.csv", "jobs.csv", "report.html", "report.xlsx", "summary.csv"])
        for name in live.keys.sorted() { #expect(live[name] == offline[name], "\(name) differs between live and replay") }
        let html = String(decoding: live["report.html"]!, as: UTF8.self)
        #expect(html.contains("(account <bdi>210987654321</bdi>)"))
        #expect(html.contains("vanished between ListClassificationJobs"))
        #expect(html.contains("could not be read, so why they failed is missing"))
    }

    @Test func aFindingsGapAndArchivedCountsReplayByteForByte() throws {
        let emulator = try EmulatorProcess([
            "--credentials", "\(Self.key):\(Self.secret)", "--deny-findings", "us-east-1",
        ])
        defer { emulator.stop() }
        let samples = try TestSupport.scratchDirectory("samples").appendingPathComponent("night")
        let (recorded, liveOut) = try live(emulator, saveTo: samples, ["--include-archived-findings"])
        #expect(recorded.status == 3, "\(recorded.stderr)")
        #expect(recorded.stderr.contains("region us-east-1 is incomplete in the report: finding counts of"))
        let manifest = try String(contentsOf: samples.appendingPathComponent("scopes.json"), encoding: .utf8)
        #expect(manifest.contains("\"findingsGap\""))
        let (replayed, replayOut) = try replay(samples, ["--include-archived-findings"])
        #expect(replayed.status == 3)
        #expect(replayed.stderr == recorded.stderr)
        let live = try TestSupport.snapshot(liveOut)
        let offline = try TestSupport.snapshot(replayOut)
        for name in ["jobs.csv", "summary.csv", "report.html"] {
            #expect(live[name] == offline[name], "\(name) differs between live and replay")
        }
    }

    @Test func aSecondRecordingReplacesTheFirstButNeverAFolderOfOtherFiles() throws {
        let emulator = try EmulatorProcess(["--credentials", "\(Self.key):\(Self.secret)"])
        defer { emulator.stop() }
        let samples = try TestSupport.scratchDirectory("samples").appendingPathComponent("night")
        let (first, _) = try live(emulator, saveTo: samples)
        #expect(first.status == 0, "\(first.stderr)")
        let (second, _) = try live(emulator, saveTo: samples, ["--include", "jobStatus EQ RUNNING"])
        #expect(second.status == 0, "\(second.stderr)")
        let us = try String(
            contentsOf: samples.appendingPathComponent("123456789012/us-east-1.json"), encoding: .utf8)
        #expect(!us.contains("\"jobStatus\":\"PAUSED\"") && us.contains("RUNNING"), "the second night's jobs only")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: samples.deletingLastPathComponent().path)
        #expect(leftovers == ["night"], "no staging or old folder left beside it")

        let other = try TestSupport.folder(with: ["notes.txt": "mine"])
        let (refused, out) = try live(emulator, saveTo: other)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("holds files that are not an earlier recording"))
        #expect(try TestSupport.snapshot(out).isEmpty, "refused before anything was fetched or written")
        #expect(try String(contentsOf: other.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    }
}
