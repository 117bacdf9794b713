import AWSClient
import Foundation
import JobFetch
import Logging
import Macie2Client
import TestSupport
import Testing

/// The walk's finding counts against macie2-emulator serving the demo, with a `size` far
/// smaller than the jobs with findings in a region (up to 25 in us-east-1): every count must
/// still be the one samples/demo/findings records, none cut off.
@Suite(.serialized) struct FindingCountEmulatorTests {
    static let regions = ["us-east-1", "eu-west-1", "ap-southeast-2"]

    func walk(_ emulator: EmulatorProcess, _ findings: LiveJobSource.FindingOptions) async throws -> [String: FindingCounts?] {
        let source = LiveJobSource(
            client: try AWSClientTests.client(endpoint: emulator.url), account: CallerAccount(known: nil),
            options: .init(regions: Self.regions, maxConcurrency: 4, jobLogs: nil, findings: findings),
            logger: Logger(label: "test"))
        var counts: [String: FindingCounts?] = [:]
        for try await batch in source.batches() {
            #expect(batch.findingsGap == nil && batch.gap == nil, "\(batch.region)")
            for job in batch.jobs { counts["\(batch.region)/\(job.job.jobId ?? "")"] = job.findings }
        }
        return counts
    }

    func recorded(includeArchived: Bool) throws -> [String: FindingCounts] {
        var counts: [String: FindingCounts] = [:]
        for (scope, groups) in try SamplesJobSource.recordedFindingsByScope(in: TestSupport.demoSamples) {
            for (job, found) in FindingCounts.perJob(groups, includeArchived: includeArchived) {
                counts["\(scope.region)/\(job)"] = found
            }
        }
        return counts
    }

    @Test(arguments: [(2, false), (5, false), (5, true), (100, false)])
    func everyCountIsWholeWhateverTheSize(groupLimit: Int, includeArchived: Bool) async throws {
        let emulator = try EmulatorProcess(["--credentials", "AKIDTEST:secret"])
        defer { emulator.stop() }
        let live = try await walk(emulator, .init(includeArchived: includeArchived, groupLimit: groupLimit))
        let expected = try recorded(includeArchived: includeArchived)
        #expect(live.count == 76)
        #expect(live.values.allSatisfy { $0 != nil }, "every job's counts are known")
        for (key, found) in live { #expect(found == (expected[key] ?? .zero), "\(key)") }
        #expect(live.values.filter { ($0?.total ?? 0) > 0 }.count == 51)
        let high = live.values.reduce(Int64(0)) { $0 + ($1?.high ?? 0) }
        #expect(high == (includeArchived ? 59 + 13 : 59), "samples/demo/EXPECTED.txt's High total")
    }
}
