import FileInput
import Foundation
import JobFetch
import JobHistory
import JobTransform
import ReportRender

/// fetch → transform → render, assembled in one place.
public enum ReportPipeline {
    /// What a finished run produced.
    public struct Result: Sendable {
        public var report: ReportModel
        /// The files written, in the output directory.
        public var files: [URL]
        /// What recording the run into the history did; `nil` without a history.
        public var recorded: HistoryStore.Recorded?
        /// Why the run could not be recorded into the history, after the reports were written.
        public var historyFailure: String?
        /// The written files' bytes, read back while the output directory was still locked
        /// (only with ``ReportOptions/keepFileContents``): what the email carries is exactly
        /// this run's reports, even if another run replaces them a moment later.
        public var fileContents: [(url: URL, data: Data)] = []
        /// The written files, opened while the output directory was still locked (only with
        /// ``ReportOptions/keepOpenFiles``): for uploads that read them in parts.
        public var openFiles: [OpenedReport] = []
    }

    /// Runs the whole job. Set-up problems (output directory, templates) are found before
    /// anything is fetched; any fatal error leaves existing reports untouched.
    public static func run(source: some JobSource, options: ReportOptions) async throws -> Result {
        var clock = PhaseClock()
        let output = try StagedOutput.prepare(options.outputDirectory)
        let startedAt = Date()
        let lock = try OutputLock.acquire(options.outputDirectory, timeout: options.lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        output.removeLeftovers()
        let history = try options.history.map { try HistorySession($0, timeout: options.lockTimeout) }
        defer { history?.close() }
        let renderers = try makeRenderers(options)
        var builder = ReportBuilder(asOf: options.asOf, expiryWindowDays: options.expiryWindowDays)
        for try await batch in source.batches() {
            builder.add(batch)
        }
        clock.lap("fetch")
        var built = builder.build()
        MemoryRelease.releaseFreedMemory()
        clock.lap("transform")
        if let history {
            try history.compare(&built)
            MemoryRelease.releaseFreedMemory()
            clock.lap("history: compare with the previous run")
        }
        let report = built
        let files = try output.write(renderers) { renderer, url in
            let start = DispatchTime.now()
            try renderer.write(report, to: url)
            PhaseClock.report(renderer.fileName, since: start)
        }
        clock.lap("render (all files, in parallel)")
        var result = Result(report: report, files: files)
        if let history {
            // After the reports, so a run stopped in between is compared again next time
            // rather than recorded without anyone having seen its changes.
            do {
                result.recorded = try history.record(report, startedAt: startedAt)
                TemporaryFiles.enter(.recorded)
            } catch {
                result.historyFailure = "\(error)"
            }
            clock.lap("history: record the run")
        }
        if options.keepOpenFiles {
            result.openFiles = try files.map { url in
                do {
                    return try OpenedReport(url)
                } catch {
                    throw PipelineError.reopen(url.path, "\(error)")
                }
            }
        }
        if options.keepFileContents {
            result.fileContents = try files.map { url in
                do throws(FileInputError) {
                    return (url, try UserFile.read(url.path, what: "report", limit: Int.max))
                } catch {
                    throw PipelineError.readBack(url.path, error)
                }
            }
        }
        return result
    }

    /// One renderer per file, in a fixed order, for the formats asked for.
    static func makeRenderers(_ options: ReportOptions) throws -> [any ReportRenderer] {
        let format = CSVFormat(formulaGuard: options.formulaGuard)
        var renderers: [any ReportRenderer] = []
        for kind in OutputFormat.allCases where options.formats.contains(kind) {
            switch kind {
            case .csv:
                renderers +=
                    [
                        JobsCSVRenderer(format: format), SummaryCSVRenderer(format: format), ErrorsCSVRenderer(format: format),
                        CoverageCSVRenderer(format: format),
                    ] as [any ReportRenderer]
                if options.history != nil { renderers.append(ChangesCSVRenderer(format: format)) }
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
