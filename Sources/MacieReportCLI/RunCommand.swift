import ArgumentParser
import Foundation
import JobFetch
import Macie2Model
import ReportPipeline

/// `macie-report run`: the nightly job.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fetches every classification job and writes the reports."
    )

    @Option(
        name: .customLong("samples"),
        help: ArgumentHelp("Read recorded DescribeClassificationJob responses from DIR/<region>.json.", valueName: "DIR"))
    var samples: String?

    @Option(
        name: .customLong("output-dir"), help: ArgumentHelp("Write the reports into OUT (created if missing).", valueName: "OUT"))
    var outputDirectory: String

    @Option(
        name: .customLong("format"),
        help: ArgumentHelp(
            "Comma-separated formats to write: csv (jobs.csv, summary.csv), html (report.html), xlsx (report.xlsx).",
            valueName: "LIST"))
    var format: String = "csv,html,xlsx"

    @Option(
        name: .customLong("templates"),
        help: ArgumentHelp(
            "Render report.html with the .mustache files in DIR, replacing the built-in ones by name.", valueName: "DIR"))
    var templates: String?

    @Flag(
        name: .customLong("no-formula-guard"),
        help: "Write CSV cells verbatim, without the apostrophe that stops spreadsheets running text like =SUM(...) as a formula."
    )
    var noFormulaGuard = false

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Measure expiry windows from this ISO-8601 time instead of now, for a reproducible report.", valueName: "TIME"))
    var asOf: String?

    @Option(name: .customLong("expiry-window-days"), help: "Flag user-paused jobs that Macie cancels within this many days.")
    var expiryWindowDays = 7

    @Flag(name: .customLong("quiet"), help: "Print nothing but errors, for cron.")
    var quiet = false

    func validate() throws {
        guard samples != nil else {
            throw ValidationError("give --samples DIR: the recorded-samples source is the only one in this version")
        }
        _ = try formats()
        if let asOf, ISO8601Timestamp.parse(asOf) == nil {
            throw ValidationError("--as-of \(asOf) is not an ISO-8601 time like 2026-11-24T06:00:00Z")
        }
        guard (0...3650).contains(expiryWindowDays) else {
            throw ValidationError("--expiry-window-days must be between 0 and 3650")
        }
    }

    func formats() throws -> [OutputFormat] {
        let names = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !names.isEmpty else { throw ValidationError("--format needs at least one of csv, html, xlsx") }
        return try names.map { name in
            guard let format = OutputFormat(rawValue: name) else {
                throw ValidationError("unknown format '\(name)' in --format (choose from csv, html, xlsx)")
            }
            return format
        }
    }

    func run() async throws {
        let options = ReportOptions(
            outputDirectory: URL(fileURLWithPath: outputDirectory), formats: try formats(),
            templatesDirectory: templates.map { URL(fileURLWithPath: $0) }, formulaGuard: !noFormulaGuard,
            asOf: asOf.flatMap(ISO8601Timestamp.parse) ?? Date(), expiryWindowDays: expiryWindowDays)
        let source = SamplesJobSource(directory: URL(fileURLWithPath: samples!))
        let result = try await ReportPipeline.run(source: source, options: options)
        let report = result.report
        for gap in report.gaps { Console.error("region \(gap.region) is missing from the report: \(gap.reason)") }
        guard !quiet else { return }
        for note in report.notes { Console.warning(note) }
        print(RunSummary.line(report, files: result.files, directory: outputDirectory))
    }
}
