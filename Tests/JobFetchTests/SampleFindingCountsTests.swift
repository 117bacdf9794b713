import Foundation
import JobFetch
import TestSupport
import Testing

/// A samples run's finding counts: from `findings/<region>.json`, archived left out unless
/// asked, zero for a job without groups, unknown (never zero) without a file, with
/// `--no-findings`, or where the recording has a findings gap.
@Suite struct SampleFindingCountsTests {
    static let jobs = #"[{"jobId":"j1","name":"a"},{"jobId":"j2","name":"b"},{"name":"no id"}]"#
    static let groups = #"""
        [{"jobId":"j1","severity":"High","archived":false,"count":3},
         {"jobId":"j1","severity":"Low","archived":true,"count":2},
         {"jobId":"j1","severity":"Low","archived":false,"count":9223372036854775807},
         {"jobId":"j1","severity":"Low","archived":false,"count":5},
         {"jobId":"j1","severity":"Critical","archived":false,"count":4},
         {"jobId":"gone","severity":"High","archived":false,"count":1}]
        """#

    func counts(_ files: [String: String], _ reading: SamplesJobSource.FindingsReading? = .init()) async throws -> (
        [String: FindingCounts?], [ScopeBatch]
    ) {
        let folder = try TestSupport.folder(with: files)
        var batches: [ScopeBatch] = []
        for try await batch in SamplesJobSource(directory: folder, batchSize: 1, findings: reading).batches() {
            batches.append(batch)
        }
        var counts: [String: FindingCounts?] = [:]
        for job in batches.flatMap(\.jobs) { counts[job.job.jobId ?? job.job.name ?? ""] = job.findings }
        return (counts, batches)
    }

    @Test func countsComeFromTheGroupsOfTheJobsScope() async throws {
        let (counts, batches) = try await counts(["us-east-1.json": Self.jobs, "findings/us-east-1.json": Self.groups])
        #expect(batches.count == 3, "one job a batch, the counts on every batch")
        #expect(counts["j1"] == FindingCounts(high: 3, low: .max), "saturated, not crashed; Critical left out as a live run would")
        #expect(counts["j2"] == FindingCounts.zero, "no groups: no findings")
        #expect(counts["no id"] == FindingCounts.zero)
        #expect(batches.allSatisfy { $0.findingsGap == nil })
    }

    @Test func archivedCountOnlyWhenAsked() async throws {
        let groups = #"[{"jobId":"j1","severity":"Low","archived":true,"count":2},{"jobId":"j1","severity":"Low","archived":false,"count":5}]"#
        let files = ["us-east-1.json": Self.jobs, "findings/us-east-1.json": groups]
        let without = try await counts(files).0["j1"]
        let with = try await counts(files, .init(includeArchived: true)).0["j1"]
        #expect(without == FindingCounts(low: 5))
        #expect(with == FindingCounts(low: 7))
    }

    @Test func withoutAFileOrWithNoFindingsTheCountsAreUnknown() async throws {
        let (none, _) = try await counts(["us-east-1.json": Self.jobs])
        #expect(none["j1"] == .some(nil) && none["j2"] == .some(nil))
        let (off, _) = try await counts(["us-east-1.json": Self.jobs, "findings/us-east-1.json": Self.groups], nil)
        #expect(off.values.allSatisfy { $0 == nil })
    }

    @Test func aRecordedFindingsGapIsReplayedWithEveryCountUnknown() async throws {
        let manifest = #"""
            {"format":"macie-report samples","version":1,"scopes":[
             {"region":"us-east-1","findingsGap":{"reason":"finding counts of 3 job(s) could not be read","listIsComplete":true}},
             {"region":"eu-west-1","findingsGap":{"reason":"denied there too","listIsComplete":true}}]}
            """#
        let files = [
            "us-east-1.json": Self.jobs, "findings/us-east-1.json": Self.groups, "scopes.json": manifest,
        ]
        let (counts, batches) = try await counts(files)
        #expect(counts.values.allSatisfy { $0 == nil })
        #expect(batches.compactMap(\.findingsGap).map(\.reason) == ["finding counts of 3 job(s) could not be read", "denied there too"])
        #expect(batches.compactMap(\.findingsGap).allSatisfy { $0.listIsComplete })
        let (off, offBatches) = try await self.counts(files, nil)
        #expect(off.values.allSatisfy { $0 == nil } && offBatches.allSatisfy { $0.findingsGap == nil }, "--no-findings: no gap either")
    }
}
