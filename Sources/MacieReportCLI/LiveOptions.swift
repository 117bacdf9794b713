import ArgumentParser
import Logging
import Macie2Client

/// The flags of the live source, in one group so `run` stays readable.
struct LiveOptions: ParsableArguments {
    @Option(
        name: .customLong("region"),
        help: ArgumentHelp(
            "A region to walk (repeatable; walked concurrently). Default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region.",
            valueName: "REGION"))
    var regions: [String] = []

    @Option(
        help: ArgumentHelp(
            "The shared-config profile to take credentials and region from (default: AWS_PROFILE, else default).",
            valueName: "NAME"))
    var profile: String?

    @Option(
        name: .customLong("endpoint-url"),
        help: ArgumentHelp(
            "Send Macie2 requests here instead of https://macie2.REGION.amazonaws.com (also AWS_ENDPOINT_URL_MACIE2, AWS_ENDPOINT_URL).",
            valueName: "URL"))
    var endpointURL: String?

    @Option(name: .customLong("max-concurrency"), help: "At most this many requests in flight, all regions together.")
    var maxConcurrency: Int?

    @Option(
        name: .customLong("include"),
        help: ArgumentHelp(
            "Only jobs matching 'KEY COMPARATOR VALUE[,VALUE]', e.g. 'jobStatus EQ RUNNING,PAUSED' (repeatable; all must match).",
            valueName: "TERM"))
    var includes: [String] = []

    @Option(
        name: .customLong("exclude"),
        help: ArgumentHelp("Leave out jobs matching 'KEY COMPARATOR VALUE[,VALUE]' (repeatable).", valueName: "TERM"))
    var excludes: [String] = []

    @Flag(name: .customLong("no-describe"), help: "Report from ListClassificationJobs alone (faster; fewer columns filled).")
    var noDescribe = false

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (logs go to stderr).")
    var logLevel: String = "error"

    /// Which jobs the filters select, as one canonical line for the history: runs with
    /// different filters are not compared for new and removed jobs.
    var scope: String {
        (includes.sorted().map { "include \($0)" } + excludes.sorted().map { "exclude \($0)" }).joined(separator: "; ")
    }

    /// Whether any live-only flag was given (they make no sense with --samples).
    var isUsed: Bool {
        !regions.isEmpty || profile != nil || endpointURL != nil || maxConcurrency != nil || !includes.isEmpty
            || !excludes.isEmpty || noDescribe
    }

    func validate() throws {
        guard Logger.Level(rawValue: logLevel.lowercased()) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        for term in includes + excludes {
            do {
                _ = try FilterTermParser.parse(term)
            } catch {
                throw ValidationError(error.description)
            }
        }
        if let maxConcurrency, !(1...256).contains(maxConcurrency) {
            throw ValidationError("--max-concurrency must be between 1 and 256")
        }
    }
}
