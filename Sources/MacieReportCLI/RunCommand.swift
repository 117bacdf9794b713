import AWSClient
import ArgumentParser
import Foundation
import JobFetch
import Logging
import Macie2Client
import Macie2Model
import ReportPipeline
import StandardErrorOutput

/// `macie-report run`: the nightly job.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fetches every classification job and writes the reports."
    )

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "Read options from FILE, one `name = value` per line (see the README); options on the command line override it.",
            valueName: "FILE"))
    var config: String?

    @Option(
        name: .customLong("samples"),
        help: ArgumentHelp(
            "Read recorded DescribeClassificationJob responses from DIR/<region>.json or DIR/<account>/<region>.json (as --save-samples writes them).",
            valueName: "DIR"))
    var samples: String?

    @Option(
        name: .customLong("output-dir"), help: ArgumentHelp("Write the reports into OUT (created if missing).", valueName: "OUT"))
    var outputDirectory: String

    @Option(
        name: .customLong("format"),
        help: ArgumentHelp(
            "Comma-separated formats to write: csv (jobs.csv, summary.csv, errors.csv, coverage.csv), html (report.html), xlsx (report.xlsx).",
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

    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp(
            "Exit 4 after writing the reports when any job's last run reported ERROR (error) or any job needs attention (attention), for monitoring.",
            valueName: "error|attention"))
    var failOn: String?

    @Flag(
        name: .customLong("no-job-logs"),
        help:
            "Do not read why jobs failed from their CloudWatch Logs events (for credentials without logs:FilterLogEvents); the reports then say that a job failed, not why."
    )
    var noJobLogs = false

    @Flag(
        name: .customLong("no-findings"),
        help:
            "Do not count each job's findings (for credentials without macie2:GetFindingStatistics); the findings columns are then left empty."
    )
    var noFindings = false

    @Flag(
        name: .customLong("include-archived-findings"),
        help: "Count archived (suppressed) findings too; by default they are left out, as in the Macie console.")
    var includeArchivedFindings = false

    @Option(
        name: .customLong("lock-timeout"),
        help: "Seconds to wait for another run writing to the same output directory or history.")
    var lockTimeout = 300

    @Option(
        name: .customLong("history"),
        help: ArgumentHelp(
            "Keep a run history in this SQLite file (created if missing): each report then opens with what changed since the previous run, changes.csv is written, and a 30-run trend is drawn.",
            valueName: "FILE"))
    var history: String?

    @Option(
        name: .customLong("keep-days"),
        help: ArgumentHelp("Delete runs older than N days from the history (default: keep every run).", valueName: "N"))
    var keepDays: Int?

    @Option(
        name: .customLong("log-format"),
        help: ArgumentHelp(
            "stderr lines as text (default) or json, one object per line, for log shippers.", valueName: "text|json"))
    var logFormat = "text"

    @OptionGroup(title: "Live Macie2 API (used when --samples is not given)")
    var live: LiveOptions

    @OptionGroup(title: "Storing the reports in S3")
    var s3: S3Options

    @OptionGroup(title: "Email")
    var mail: MailOptions

    func validate() throws {
        // --profile and --endpoint-url also say how to reach S3 and SES, so they may come with
        // --samples when the run stores or mails through AWS.
        let callsAWS = s3.isUsed || mail.sesRegion != nil
        if samples != nil, live.isUsed, !callsAWS || live.walksLive {
            throw ValidationError(
                "--samples reads recorded jobs; --region, --profile, --endpoint-url, --max-concurrency, --include, --exclude, --no-describe, --save-samples and the other-account flags (--accounts, --org, --macie-members, --role-name) are for the live API (--profile and --endpoint-url also for --s3-uri and --ses-region)"
            )
        }
        _ = try formats()
        if let asOf, ISO8601Timestamp.parse(asOf) == nil {
            throw ValidationError("--as-of \(asOf) is not an ISO-8601 time like 2026-11-24T06:00:00Z")
        }
        if !["text", "json"].contains(logFormat) { throw ValidationError("--log-format takes text or json, not \(logFormat)") }
        if let failOn, !["error", "attention"].contains(failOn) {
            throw ValidationError("--fail-on takes error or attention, not \(failOn)")
        }
        if noFindings, includeArchivedFindings {
            throw ValidationError("--include-archived-findings counts findings, and --no-findings counts none: give one of them")
        }
        if keepDays != nil, history == nil { throw ValidationError("--keep-days prunes the history: it needs --history FILE") }
        // Bounded here, where a wrong number is a usage error, rather than trapping in date
        // arithmetic after the reports were replaced.
        if let keepDays, !Self.keepDaysRange.contains(keepDays) {
            throw ValidationError("--keep-days must be between 1 and 36500 days (100 years), not \(keepDays)")
        }
        guard Self.lockTimeoutRange.contains(lockTimeout) else {
            throw ValidationError("--lock-timeout must be between 0 and 86400 seconds (a day), not \(lockTimeout)")
        }
        guard Self.expiryWindowRange.contains(expiryWindowDays) else {
            throw ValidationError("--expiry-window-days must be between 0 and 3650")
        }
        try RunFiles(outputDirectory: outputDirectory, reports: try formats(), history: history).check(eml: mail.eml)
        try mail.validate(s3Configured: s3.isUsed)
    }

    /// The bounds of the integer options: far beyond any real use, far inside what date and
    /// time arithmetic can hold.
    static let keepDaysRange = 1...36_500
    static let lockTimeoutRange = 0...86_400
    static let expiryWindowRange = 0...3650

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
        Console.json = logFormat == "json"
        var options = ReportOptions(
            outputDirectory: URL(fileURLWithPath: outputDirectory), formats: try formats(),
            templatesDirectory: templates.map { URL(fileURLWithPath: $0) }, formulaGuard: !noFormulaGuard,
            asOf: asOf.flatMap(ISO8601Timestamp.parse) ?? Date(), expiryWindowDays: expiryWindowDays)
        options.lockTimeout = TimeInterval(lockTimeout)
        // A message with links carries no file but report.html, read from the opened files.
        options.keepFileContents = mail.isUsed && !mail.mailLinks
        options.keepOpenFiles = s3.isUsed
        options.history = history.map {
            HistorySettings(
                file: URL(fileURLWithPath: $0), keepDays: keepDays,
                sourceDescription: samples.map { "samples \($0)" } ?? "live \(live.regions.joined(separator: " "))",
                scope: live.scope)
        }
        let delivery = Delivery(s3: s3, mail: mail, live: live, quiet: quiet)
        let deliveryPlan = try delivery.plan(environment: ProcessInfo.processInfo.environment)
        let result: ReportPipeline.Result
        if let samples {
            result = try await ReportPipeline.run(
                source: SamplesJobSource(
                    directory: URL(fileURLWithPath: samples), readsJobLogs: !noJobLogs,
                    findings: noFindings ? nil : .init(includeArchived: includeArchivedFindings)),
                options: options)
        } else {
            result = try await runLive(options)
        }
        let report = result.report
        for line in Self.gapLines(report) { Console.error(line) }
        if !quiet {
            for note in report.notes { Console.warning(note) }
            print(RunSummary.line(report, files: result.files, directory: outputDirectory))
            if let changes = report.changes { print(RunSummary.changesLine(changes, recorded: result.recorded)) }
        }
        // In JSON mode the record is for a log pipeline, not a person: written even with --quiet.
        Console.info("run finished", RunSummary.fields(report, files: result.files, directory: outputDirectory))
        if let failure = result.historyFailure {
            Console.error("the reports were written, but the run was not recorded in the history: \(failure)")
        }
        var mailFailed = false
        if delivery.isUsed {
            mailFailed = await !delivery.run(
                result, plan: deliveryPlan, asOf: options.asOf, environment: ProcessInfo.processInfo.environment)
        }
        let watchedFound = failOn == "error" && report.errorCount > 0 || failOn == "attention" && !report.attention.isEmpty
        let status = ExitStatus.afterReports(
            mailFailed: mailFailed, historyFailed: result.historyFailure != nil, complete: report.isComplete,
            watchedFound: watchedFound)
        if status != .done { throw ExitCode(status.rawValue) }
    }

    private func runLive(_ options: ReportOptions) async throws -> ReportPipeline.Result {
        let level = Logger.Level(rawValue: live.logLevel.lowercased()) ?? .error
        let json = Console.json
        LoggingSystem.bootstrap { label in
            if json { return JSONLogHandler(label: label, logLevel: level) }
            var handler = StreamLogHandler(label: label, stream: StandardErrorWriter.shared.stream)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "macie-report")
        let setup = try LiveSource.resolve(
            live, jobLogs: !noJobLogs, findings: noFindings ? nil : .init(includeArchived: includeArchivedFindings),
            environment: ProcessInfo.processInfo.environment)
        let showProgress = !quiet && ProgressLine.isTerminal
        let holder = RetryCounter()
        let progress = showProgress ? ProgressLine(regions: setup.regions.count, retries: { await holder.count() }) : nil
        var report: (@Sendable (WalkEvent) -> Void)?
        if let progress { report = { event in progress.record(event) } }
        defer { progress?.finish() }
        return try await setup.run(saveSamples: live.saveSamples, logger: logger, progress: report) { source, walk in
            await holder.attach(walk)
            return try await ReportPipeline.run(source: source, options: options)
        }
    }
}

/// Lets the progress line read the retry count of a source built after it.
actor RetryCounter {
    private var source: LiveJobSource?
    func attach(_ source: LiveJobSource) { self.source = source }
    func count() async -> Int { await source?.retryCount() ?? 0 }
}
