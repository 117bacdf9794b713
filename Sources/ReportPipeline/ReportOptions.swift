import Foundation

/// The output formats `--format` accepts; each names the files it writes (a public contract).
public enum OutputFormat: String, CaseIterable, Sendable {
    case csv, html, xlsx

    /// The files the format writes in the output directory.
    public var fileNames: [String] {
        switch self {
        case .csv: return ["jobs.csv", "summary.csv", "errors.csv", "coverage.csv"]
        case .html: return ["report.html"]
        case .xlsx: return ["report.xlsx"]
        }
    }
}

/// Everything a run needs besides the source, resolved once by the CLI.
public struct ReportOptions: Sendable {
    public var outputDirectory: URL
    public var formats: [OutputFormat]
    /// A folder of `*.mustache` files that replace the built-in templates by name.
    public var templatesDirectory: URL?
    /// Whether the CSV files guard formula-like text with a leading apostrophe.
    public var formulaGuard: Bool
    /// The time the report speaks of (now, unless a reproducible report is wanted).
    public var asOf: Date
    /// Days ahead within which a user-paused job's expiry needs attention.
    public var expiryWindowDays: Int
    /// How long to wait for another run writing to the same output directory.
    public var lockTimeout: TimeInterval = 300
    /// The run history to compare with and record into; `nil` keeps none (no changes, no trend).
    public var history: HistorySettings?
    /// Read the written files back before the output directory is unlocked (for the email).
    public var keepFileContents = false
    /// Open the written files before the output directory is unlocked (for the S3 upload,
    /// which reads them in parts rather than holding them in memory).
    public var keepOpenFiles = false

    public init(
        outputDirectory: URL, formats: [OutputFormat] = OutputFormat.allCases, templatesDirectory: URL? = nil,
        formulaGuard: Bool = true, asOf: Date = Date(), expiryWindowDays: Int = 7
    ) {
        self.outputDirectory = outputDirectory
        self.formats = formats
        self.templatesDirectory = templatesDirectory
        self.formulaGuard = formulaGuard
        self.asOf = asOf
        self.expiryWindowDays = expiryWindowDays
    }
}

/// `--history FILE` and what goes with it.
public struct HistorySettings: Sendable {
    /// The SQLite file; created on the first run.
    public var file: URL
    /// Runs older than this many days before the report time are deleted; `nil` keeps all.
    public var keepDays: Int?
    /// How many runs (this one included) the trend shows.
    public var trendRuns: Int = 30
    /// How the run got its jobs, recorded with it ("samples DIR", "live").
    public var sourceDescription: String
    /// Which jobs the run asks for (its filter terms; empty for all): runs are compared for
    /// new and removed jobs only when their scopes match.
    public var scope: String

    public init(file: URL, keepDays: Int?, sourceDescription: String, scope: String = "") {
        self.file = file
        self.keepDays = keepDays
        self.sourceDescription = sourceDescription
        self.scope = scope
    }
}
