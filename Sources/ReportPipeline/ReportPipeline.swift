import Foundation
import JobFetch
import JobTransform
import ReportRender

/// fetch → transform → render, assembled in one place.
public enum ReportPipeline {
    /// What a finished run produced.
    public struct Result: Sendable {
        public var report: ReportModel
        /// The files written, in the output directory.
        public var files: [URL]
    }

    /// Runs the whole job. Set-up problems (output directory, templates) are found before
    /// anything is fetched; any fatal error leaves existing reports untouched.
    public static func run(source: some JobSource, options: ReportOptions) async throws -> Result {
        var clock = PhaseClock()
        let output = try StagedOutput.prepare(options.outputDirectory)
        let lock = try OutputLock.acquire(options.outputDirectory, timeout: options.lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        let renderers = try makeRenderers(options)
        var builder = ReportBuilder(asOf: options.asOf, expiryWindowDays: options.expiryWindowDays)
        for try await batch in source.batches() {
            builder.add(batch)
        }
        clock.lap("fetch")
        let report = builder.build()
        MemoryRelease.releaseFreedMemory()
        clock.lap("transform")
        let files = try output.write(renderers) { renderer, url in
            let start = DispatchTime.now()
            try renderer.write(report, to: url)
            PhaseClock.report(renderer.fileName, since: start)
        }
        clock.lap("render (all files, in parallel)")
        return Result(report: report, files: files)
    }

    /// One renderer per file, in a fixed order, for the formats asked for.
    static func makeRenderers(_ options: ReportOptions) throws -> [any ReportRenderer] {
        let format = CSVFormat(formulaGuard: options.formulaGuard)
        var renderers: [any ReportRenderer] = []
        for kind in OutputFormat.allCases where options.formats.contains(kind) {
            switch kind {
            case .csv:
                renderers += [JobsCSVRenderer(format: format), SummaryCSVRenderer(format: format)] as [any ReportRenderer]
            case .html:
                let templates =
                    try options.templatesDirectory.map(TemplateLibrary.withOverrides(from:)) ?? TemplateLibrary.builtIn()
                renderers.append(HTMLRenderer(templates: templates))
            case .xlsx:
                renderers.append(XLSXRenderer())
            }
        }
        return renderers
    }
}
