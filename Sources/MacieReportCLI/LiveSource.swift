import AWSClient
import Foundation
import Logging
import Macie2Client
import Macie2Model

/// Everything the live source needs, resolved once from flags, environment and the shared
/// config files, in the order the AWS SDKs use. Fails fast (before any report is touched)
/// when there is no region or no credentials.
struct LiveSource {
    let source: LiveJobSource
    let transport: AsyncHTTPClientTransport

    static func make(
        _ options: LiveOptions, environment: [String: String], logger: Logger, progress: (@Sendable (WalkEvent) -> Void)?
    ) async throws -> LiveSource {
        let files = SharedConfigFiles.load(environment: environment)
        let profileName = options.profile ?? environment["AWS_PROFILE"] ?? "default"
        let profile = files.profiles[profileName] ?? [:]
        var regions = options.regions
        if regions.isEmpty,
            let region = [environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"], profile["region"]].compactMap({ $0 })
                .first(where: { !$0.isEmpty })
        {
            regions = [region]
        }
        guard !regions.isEmpty else {
            throw CredentialError("no region: give --region (repeatable), or set AWS_REGION, or a region in the profile")
        }
        regions = regions.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        var retryEnvironment = environment
        if retryEnvironment["AWS_RETRY_MODE"] == nil { retryEnvironment["AWS_RETRY_MODE"] = profile["retry_mode"] }
        if retryEnvironment["AWS_MAX_ATTEMPTS"] == nil { retryEnvironment["AWS_MAX_ATTEMPTS"] = profile["max_attempts"] }
        let retry = RetryPolicy(try RetryConfiguration.from(environment: retryEnvironment))
        let concurrency = options.maxConcurrency ?? LiveJobSource.defaultConcurrency
        let transport = try AsyncHTTPClientTransport(
            caBundle: environment["AWS_CA_BUNDLE"] ?? profile["ca_bundle"], maxConnectionsPerHost: max(concurrency, 8))
        do {
            let chain = CredentialChain.standard(
                environment: environment, profile: options.profile, files: files, transport: transport, stsRegion: regions.first)
            let credentials = RefreshingCredentials(chain)
            _ = try await credentials.credentials()  // no credentials: stop now, before any output
            var clients: [String: Macie2Client] = [:]
            for region in regions {
                let endpoint = try AWSEndpoints.resolve(
                    service: "macie2", region: region, override: options.endpointURL, environment: environment)
                clients[region] = Macie2Client(
                    region: region, endpoint: endpoint, transport: transport, credentials: credentials, retry: retry,
                    logger: logger)
            }
            var filter: ListJobsFilterCriteria?
            if !options.includes.isEmpty || !options.excludes.isEmpty {
                filter = ListJobsFilterCriteria(
                    excludes: options.excludes.isEmpty ? nil : try options.excludes.map { try FilterTermParser.parse($0) },
                    includes: options.includes.isEmpty ? nil : try options.includes.map { try FilterTermParser.parse($0) })
            }
            let source = LiveJobSource(
                clients: clients,
                options: .init(regions: regions, maxConcurrency: concurrency, filter: filter, describe: !options.noDescribe),
                logger: logger, progress: progress)
            return LiveSource(source: source, transport: transport)
        } catch {
            await transport.shutdown()
            throw error
        }
    }
}
