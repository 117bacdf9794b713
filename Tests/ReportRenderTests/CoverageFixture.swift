import Foundation
import JobFetch
import JobTransform
import Macie2Model
import TestSupport

/// `TestSupport.CoverageSamples` read into a report model.
enum CoverageFixture {
    static let roleReason = TestSupport.CoverageSamples.roleReason
    static let deniedReason = TestSupport.CoverageSamples.deniedReason

    static func report() async throws -> ReportModel {
        var builder = ReportBuilder(asOf: ISO8601Timestamp.parse(TestSupport.demoAsOf)!)
        let source = SamplesJobSource(directory: try TestSupport.CoverageSamples.folder(), readsJobLogs: false, findings: nil)
        for try await batch in source.batches() { builder.add(batch) }
        return builder.build()
    }
}
