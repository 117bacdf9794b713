import AWSClient
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
            "Send every AWS request of the run here (Macie2, CloudWatch Logs, STS) instead of each service's regional host; without it, AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL.",
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

    @Option(
        name: .customLong("save-samples"),
        help: ArgumentHelp(
            "Also record what the walk reads into DIR (new, empty, or an earlier recording), so `run --samples DIR` replays the night to the same reports.",
            valueName: "DIR"))
    var saveSamples: String?

    @OptionGroup(title: "Other accounts")
    var others: AccountOptions

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (logs go to stderr).")
    var logLevel: String = "error"

    /// Which jobs the filters select, as one canonical line for the history: runs with
    /// different filters are not compared for new and removed jobs.
    var scope: String {
        (includes.sorted().map { "include \($0)" } + excludes.sorted().map { "exclude \($0)" }).joined(separator: "; ")
    }

    /// Whether any live-only flag was given (they make no sense with --samples).
    var isUsed: Bool { walksLive || profile != nil || endpointURL != nil }

    /// Whether a flag of the walk itself was given: not `--profile` or `--endpoint-url`, which
    /// also say how to reach S3 and SES after a samples run.
    var walksLive: Bool {
        !regions.isEmpty || maxConcurrency != nil || !includes.isEmpty || !excludes.isEmpty || noDescribe
            || saveSamples != nil || others.isUsed
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
        for region in regions where !AWSRegion.isValid(region) {
            throw ValidationError("--region \(ServerText.quoted(region)) is not an AWS region; write it like us-east-1")
        }
        if let endpointURL {
            do {
                _ = try AWSEndpoints.parse(endpointURL, from: "--endpoint-url")
            } catch {
                throw ValidationError(error.description)
            }
        }
        if saveSamples?.isEmpty == true { throw ValidationError("--save-samples needs a folder") }
    }
}
