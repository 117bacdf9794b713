import Foundation
import JobFetch
import JobTransform
import Macie2Model
import ReportRender
import TestSupport

/// The demo dataset as a report model, and a way to render one file of it.
enum RenderFixture {
    /// `jobLogs` false reads the demo as `--no-job-logs` does: no job has reasons; `findings`
    /// false as `--no-findings` does: no job's finding counts are known.
    static func demo(jobLogs: Bool = true, findings: Bool = true) async throws -> ReportModel {
        var builder = ReportBuilder(asOf: ISO8601Timestamp.parse(TestSupport.demoAsOf)!)
        let source = SamplesJobSource(
            directory: TestSupport.demoSamples, readsJobLogs: jobLogs, findings: findings ? .init() : nil)
        for try await batch in source.batches() { builder.add(batch) }
        return builder.build()
    }

    /// Writes the report with one renderer into a scratch folder and returns the file.
    static func render(_ renderer: any ReportRenderer, _ report: ReportModel) throws -> URL {
        let url = try TestSupport.scratchDirectory("render").appendingPathComponent(renderer.fileName)
        try renderer.write(report, to: url)
        return url
    }

    static func renderText(_ renderer: any ReportRenderer, _ report: ReportModel) throws -> String {
        String(decoding: try Data(contentsOf: render(renderer, report)), as: UTF8.self)
    }
}
