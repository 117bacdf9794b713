import AWSSigV4
import ArgumentParser
import Foundation
import JobFetch
import JobLogModel
import Macie2Emulator

/// `macie2-emulator`: serves a samples folder as the Macie2 API, with S3 buckets and SES v2
/// beside it, and misbehaves on request.
@main
struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "macie2-emulator",
        abstract:
            "Serves a samples folder as a local AWS endpoint for every API macie-report calls (Macie2 ListClassificationJobs, DescribeClassificationJob, GetFindingStatistics and ListMembers, STS GetCallerIdentity and AssumeRole, Organizations ListAccounts, CloudWatch Logs FilterLogEvents, S3 objects and multipart uploads, SES v2 SendEmail), with fault injection.",
        discussion:
            "The first line on stdout is the endpoint URL, for example http://127.0.0.1:41234. GET /_emulator/counters returns request, fault and signature-failure counts as JSON. Each account's jobs, logs and findings are DIR/<account>/; DIR/accounts.json records the accounts (organization, Macie members, roles, regions with Macie off). S3 (path-style /BUCKET/KEY) and SES v2 are told by the signing name of the request's credential scope (s3, ses)."
    )

    @Option(
        help: ArgumentHelp(
            "The dataset: DescribeClassificationJob bodies in DIR/<region>.json or DIR/<account>/<region>.json.",
            valueName: "DIR"))
    var samples: String

    @Option(
        name: .customLong("account-id"),
        help: ArgumentHelp(
            "The home account, which the --credentials belong to (its jobs are DIR/<account>/ and DIR/<region>.json). Default: accounts.json's homeAccountId, else the dataset's one account folder, else 123456789012.",
            valueName: "ID"))
    var accountId: String?

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free one.")
    var port = 0

    @Option(
        name: .customLong("credentials"),
        help: ArgumentHelp(
            "Accept this key (repeatable); a session token, if given, must be sent.", valueName: "AKID:SECRET[:TOKEN]"))
    var credentials: [String] = []

    @Flag(help: "Accept any signature; the credential scope gives the region, an AKIA/ASIA key id the account.")
    var acceptAnyCredentials = false

    @Option(help: "Region for unsigned requests under --accept-any-credentials.")
    var defaultRegion = "us-east-1"

    @Option(help: "Delay every response by this many milliseconds.")
    var latencyMs = 0

    @Option(help: "Add up to this many milliseconds of random delay.")
    var latencyJitterMs = 0

    @Option(help: "Share of requests answered with ThrottlingException (429).")
    var throttleRate = 0.0

    @Option(help: "Share of requests answered with InternalServerException (500).")
    var serverErrorRate = 0.0

    @Option(help: "Share of requests whose connection is closed without an answer.")
    var dropRate = 0.0

    @Option(help: "Requests per second allowed (token bucket, same burst); over it, 429.")
    var rateLimit: Double?

    @Option(
        name: .customLong("deny-region"),
        help: ArgumentHelp("Answer every request for this region with AccessDeniedException (repeatable).", valueName: "REGION"))
    var deniedRegions: [String] = []

    @Option(
        name: .customLong("vanish-job"),
        help: ArgumentHelp("List this job but answer 404 when it is described (repeatable).", valueName: "JOB_ID"))
    var vanishedJobs: [String] = []

    @Option(help: "Share of jobs (chosen by the seed) that vanish the same way.")
    var vanishRate = 0.0

    @Option(help: "Share of list pages cut short (still with a nextToken).")
    var shortPageRate = 0.0

    @Option(help: "Share of list pages that come back empty but with a nextToken.")
    var emptyPageRate = 0.0

    @Option(help: "Return at most this many jobs a page, whatever maxResults asks.")
    var pageSizeCap = 200

    @Flag(help: "Break pagination: every page after the first returns the token it was asked with.")
    var repeatTokens = false

    @Option(help: "FilterLogEvents: answer this many empty pages (with a nextToken) before each job's events.")
    var logsEmptyPages = 0

    @Option(help: "FilterLogEvents: return at most this many events a page, whatever limit asks.")
    var logsPageSize = 10_000

    @Option(
        help:
            "FilterLogEvents: requests per second allowed per account and region (token bucket, same burst); over it, ThrottlingException."
    )
    var logsRate: Double?

    @Option(
        name: .customLong("deny-logs"),
        help: ArgumentHelp("Answer FilterLogEvents in this region with AccessDeniedException (repeatable).", valueName: "REGION"))
    var deniedLogsRegions: [String] = []

    @Option(
        name: .customLong("deny-findings"),
        help: ArgumentHelp(
            "Answer GetFindingStatistics in this region with AccessDeniedException (repeatable).", valueName: "REGION"))
    var deniedFindingsRegions: [String] = []

    @Option(
        name: .customLong("macie-off"),
        help: ArgumentHelp(
            "Macie is not enabled for this account (default: the home account) in this region (repeatable), besides accounts.json's.",
            valueName: "[ACCOUNT/]REGION"))
    var macieOff: [String] = []

    @Option(
        help: ArgumentHelp(
            "HTTP status of the \"Macie is not enabled\" answer: 401 (as seen from AWS) or 403 (the model's).",
            valueName: "STATUS"))
    var macieOffStatus = 401

    @Option(
        name: .customLong("deny-assume-role"),
        help: ArgumentHelp("Refuse every AssumeRole into this account with AccessDenied (repeatable).", valueName: "ACCOUNT"))
    var deniedAssumeRoleAccounts: [String] = []

    @Option(
        help: ArgumentHelp(
            "AssumeRole's credentials expire after this many seconds, whatever DurationSeconds asks.", valueName: "SECONDS"))
    var sessionLifetime: Int?

    @Option(help: "Seed for every random fault.")
    var seed: UInt64 = 1

    @OptionGroup(title: "S3 and SES v2")
    var delivery: DeliveryArguments

    func validate() throws {
        guard acceptAnyCredentials || !credentials.isEmpty else {
            throw ValidationError("give --credentials AKID:SECRET (repeatable) or --accept-any-credentials")
        }
        _ = try parsedCredentials()
        if let accountId, !Scope.isAccountId(accountId) {
            throw ValidationError("--account-id must be 12 digits")
        }
        for (name, rate) in [
            ("throttle", throttleRate), ("server-error", serverErrorRate), ("drop", dropRate), ("vanish", vanishRate),
            ("short-page", shortPageRate), ("empty-page", emptyPageRate),
        ] {
            guard (0...1).contains(rate) else { throw ValidationError("--\(name)-rate must be between 0 and 1") }
        }
        guard logsEmptyPages >= 0 else { throw ValidationError("--logs-empty-pages must be 0 or more") }
        guard (1...10_000).contains(logsPageSize) else { throw ValidationError("--logs-page-size must be between 1 and 10000") }
        if let logsRate, !(logsRate > 0) { throw ValidationError("--logs-rate must be more than 0") }
        _ = try parsedMacieOff()
        guard [401, 403].contains(macieOffStatus) else { throw ValidationError("--macie-off-status must be 401 or 403") }
        if let bad = deniedAssumeRoleAccounts.first(where: { !Scope.isAccountId($0) }) {
            throw ValidationError("--deny-assume-role takes a 12-digit account id, not \(bad)")
        }
        if let sessionLifetime, sessionLifetime < 1 { throw ValidationError("--session-lifetime must be 1 or more") }
    }

    /// `--macie-off` as scopes; one without an account is the home account's.
    func parsedMacieOff() throws -> [Scope] {
        try macieOff.map { text in
            let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, !parts.last!.isEmpty, parts.count == 1 || Scope.isAccountId(parts[0]) else {
                throw ValidationError("--macie-off takes REGION or ACCOUNT/REGION (a 12-digit account), not \(text)")
            }
            return Scope(accountId: parts.count == 2 ? parts[0] : nil, region: parts.last!)
        }
    }

    func parsedCredentials() throws -> [AWSCredentials] {
        try credentials.map { text in
            let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--credentials takes AKID:SECRET or AKID:SECRET:SESSION_TOKEN")
            }
            return AWSCredentials(
                accessKeyId: parts[0], secretAccessKey: parts[1], sessionToken: parts.count > 2 ? parts[2] : nil)
        }
    }

    func run() async throws {
        var faults = FaultOptions()
        faults.latencyMs = latencyMs
        faults.latencyJitterMs = latencyJitterMs
        faults.throttleRate = throttleRate
        faults.serverErrorRate = serverErrorRate
        faults.dropRate = dropRate
        faults.rateLimit = rateLimit
        faults.deniedRegions = Set(deniedRegions)
        faults.vanishedJobs = Set(vanishedJobs)
        faults.vanishRate = vanishRate
        faults.shortPageRate = shortPageRate
        faults.emptyPageRate = emptyPageRate
        faults.repeatTokens = repeatTokens
        faults.pageSizeCap = max(1, pageSizeCap)
        faults.logsEmptyPages = logsEmptyPages
        faults.logsPageSize = logsPageSize
        faults.logsRate = logsRate
        faults.deniedLogsRegions = Set(deniedLogsRegions)
        faults.deniedFindingsRegions = Set(deniedFindingsRegions)
        faults.deniedAssumeRoleAccounts = Set(deniedAssumeRoleAccounts)
        faults.sessionLifetime = sessionLifetime
        faults.macieOffStatus = macieOffStatus
        faults.seed = seed
        delivery.apply(to: &faults)
        let service: Macie2Service
        let index: SamplesIndex
        do {
            index = try SamplesIndex(directory: URL(fileURLWithPath: samples))
            service = try Macie2Service(
                samples: index, accounts: try AccountsFile.read(in: index.directory), macieOff: try parsedMacieOff(),
                accountId: accountId, credentials: acceptAnyCredentials ? nil : try parsedCredentials(), faults: faults,
                delivery: try delivery.options(), defaultRegion: defaultRegion)
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("macie2-emulator: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let server = try await EmulatorServer.start(service: service, host: host, port: port)
        // The first stdout line is the contract scripts read; write it unbuffered.
        FileHandle.standardOutput.write(Data("http://\(host):\(server.port)\n".utf8))
        let scopes = index.scopes
        let regions = Set(scopes.map(\.region)).sorted()
        let others = index.accounts.subtracting([service.accountId]).count
        FileHandle.standardError.write(
            Data(
                "macie2-emulator: serving \(scopes.count) account-regions in \(regions.count) regions (\(regions.prefix(20).joined(separator: ", "))); home account \(service.accountId), \(others) other accounts with files\n"
                    .utf8))
        try await server.waitUntilClosed()
    }
}
