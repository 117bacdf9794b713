import AWSClient
import CloudWatchLogsClient
import Foundation
import JobFetch
import Logging
import Macie2Client
import Macie2Model

/// What the live source needs, resolved once from flags, environment and the shared config
/// files (by `AWSSettings`, in the AWS SDKs' order), and checked before any report is
/// touched: a bad region or endpoint is a usage error, no region or an unreadable config
/// file a fatal one.
struct LiveSource {
    let settings: AWSSettings
    let regions: [String]
    let options: LiveJobSource.Options
    /// Other accounts to walk and the role to reach them by (`--accounts`, `--org`, ...).
    let accounts: AccountOptions

    /// `jobLogs` false (`--no-job-logs`) reads no log events; so does `--no-describe`, since
    /// the list gives no run start to read from. `findings` `nil` (`--no-findings`) counts no findings.
    static func resolve(
        _ live: LiveOptions, jobLogs: Bool = true, findings: LiveJobSource.FindingOptions? = .init(),
        environment: [String: String]
    ) throws -> LiveSource {
        let settings = try AWSSettings.resolve(profile: live.profile, endpointURL: live.endpointURL, environment: environment)
        let regions = try settings.regions(explicit: live.regions)
        let readsLogs = jobLogs && !live.noDescribe
        try settings.checkEndpoints(
            [Macie2Client.service, .sts] + (readsLogs ? [CloudWatchLogsClient.service] : []), regions: regions)
        var filter: ListJobsFilterCriteria?
        if !live.includes.isEmpty || !live.excludes.isEmpty {
            filter = ListJobsFilterCriteria(
                excludes: live.excludes.isEmpty ? nil : try live.excludes.map { try FilterTermParser.parse($0) },
                includes: live.includes.isEmpty ? nil : try live.includes.map { try FilterTermParser.parse($0) })
        }
        let options = LiveJobSource.Options(
            regions: regions, maxConcurrency: live.maxConcurrency ?? LiveJobSource.defaultConcurrency, filter: filter,
            describe: !live.noDescribe, keepBodies: live.saveSamples != nil,
            jobLogs: readsLogs ? LiveJobSource.JobLogOptions() : nil, findings: findings)
        if let folder = live.saveSamples { try RecordingJobSource.prepare(URL(fileURLWithPath: folder)) }
        return LiveSource(settings: settings, regions: regions, options: options, accounts: live.others)
    }

    /// Runs `body` with the run's one AWS client and the source over it: credentials are
    /// resolved first (none: stop before any output), the caller's account is asked of STS
    /// alongside the walk, and with `--save-samples` what is read is recorded as it passes.
    func run<T: Sendable>(
        saveSamples: String?, logger: Logger, progress: (@Sendable (WalkEvent) -> Void)?,
        _ body: (any JobSource, LiveJobSource) async throws -> T
    ) async throws -> T {
        try await withAWSClient(
            settings, maxConnections: max(options.maxConcurrency, 8), stsRegion: regions.first, logger: logger
        ) { client in
            try await client.checkCredentials()
            let walk: any JobSource
            let live: LiveJobSource
            if accounts.reachesOtherAccounts, let role = try accounts.role() {
                let found = try await AccountDiscovery.discover(accounts, client: client, region: regions[0], logger: logger)
                live = LiveJobSource(
                    client: client, account: CallerAccount(known: found.caller.id), accountName: found.caller.name,
                    options: options, logger: logger, progress: progress)
                let members = found.others.map { entry in
                    OrganizationJobSource.Member(
                        accountId: entry.id, name: entry.name,
                        client: client.withOwnRetryState().assumingRole(role, in: entry.id, stsRegion: regions[0]))
                }
                walk = OrganizationJobSource(home: live, members: members, logger: logger)
            } else {
                let account = CallerAccount(sts: STS(client: client, region: regions[0]), logger: logger)
                live = LiveJobSource(client: client, account: account, options: options, logger: logger, progress: progress)
                walk = live
            }
            let source: any JobSource = saveSamples.map { RecordingJobSource(walk, into: URL(fileURLWithPath: $0)) } ?? walk
            return try await body(source, live)
        }
    }
}
