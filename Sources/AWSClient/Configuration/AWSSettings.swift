import Foundation

/// Everything about how to reach AWS that comes from flags, the environment and the shared
/// config files, resolved once, in the order the AWS SDKs use (flag, then environment, then
/// profile), and checked before anything is fetched: a bad value is an error naming it.
public struct AWSSettings: Sendable {
    /// The process environment, held here rather than read from the process, so tests pass their own.
    public var environment: [String: String]
    /// The shared config and credentials files, already read.
    public var files: SharedConfigFiles
    /// `--profile`, else `AWS_PROFILE`; `nil` means the default profile, not asked for by name.
    public var profileName: String?
    /// `--endpoint-url`: every API the run calls goes there (see ``AWSEndpoints``).
    public var endpointOverride: URL?
    /// `AWS_RETRY_MODE`/`AWS_MAX_ATTEMPTS`, else the profile's `retry_mode`/`max_attempts`, else standard, 3.
    public var retry: RetryConfiguration
    /// `AWS_CA_BUNDLE`, else the profile's `ca_bundle`: a PEM file of trusted roots.
    public var caBundle: String?
    /// The most one request (connect, send, the whole answer) may take.
    public var requestTimeout: TimeInterval = 30
    /// How long to wait for a connection.
    public var connectTimeout: TimeInterval = 5

    /// The chosen profile's settings (empty when there is none).
    public var profile: [String: String] { files.profiles[profileName ?? "default"] ?? [:] }

    /// Takes the values as given, unchecked; ``resolve(profile:endpointURL:environment:)`` is the checked way.
    public init(
        environment: [String: String], files: SharedConfigFiles, profileName: String? = nil, endpointOverride: URL? = nil,
        retry: RetryConfiguration = RetryConfiguration(), caBundle: String? = nil
    ) {
        self.environment = environment
        self.files = files
        self.profileName = profileName
        self.endpointOverride = endpointOverride
        self.retry = retry
        self.caBundle = caBundle
    }

    /// Reads the shared files and the variables; fails on an unreadable file or a bad value.
    public static func resolve(profile: String?, endpointURL: String?, environment: [String: String]) throws(AWSError)
        -> AWSSettings
    {
        let files = try SharedConfigFiles.load(environment: environment)
        let name = profile ?? environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        var settings = AWSSettings(environment: environment, files: files, profileName: name)
        settings.endpointOverride = try endpointURL.map { url throws(AWSError) in
            try AWSEndpoints.parse(url, from: "--endpoint-url")
        }
        let profile = settings.profile
        var retryEnvironment = environment
        if retryEnvironment["AWS_RETRY_MODE"] == nil { retryEnvironment["AWS_RETRY_MODE"] = profile["retry_mode"] }
        if retryEnvironment["AWS_MAX_ATTEMPTS"] == nil { retryEnvironment["AWS_MAX_ATTEMPTS"] = profile["max_attempts"] }
        settings.retry = try RetryConfiguration.from(environment: retryEnvironment)
        settings.caBundle = [environment["AWS_CA_BUNDLE"], profile["ca_bundle"]].compactMap { $0 }.first { !$0.isEmpty }
        return settings
    }

    /// The regions to walk: `explicit` (`--region`), else `AWS_REGION`, `AWS_DEFAULT_REGION`,
    /// the profile's `region`; repeats dropped, each checked. None at all is an error.
    public func regions(explicit: [String]) throws(AWSError) -> [String] {
        var chosen: [(String, String)] = explicit.map { ($0, "--region") }
        if chosen.isEmpty {
            let candidates = [
                ("AWS_REGION", environment["AWS_REGION"]), ("AWS_DEFAULT_REGION", environment["AWS_DEFAULT_REGION"]),
                ("the profile's region", profile["region"]),
            ]
            if let (source, value) = candidates.first(where: { !($0.1 ?? "").isEmpty }), let value {
                chosen = [(value, source)]
            }
        }
        guard !chosen.isEmpty else {
            throw .configuration("no region: give --region (repeatable), or set AWS_REGION, or a region in the profile")
        }
        var regions: [String] = []
        for (name, source) in chosen where !regions.contains(name) {
            regions.append(try AWSRegion.validated(name, from: source))
        }
        return regions
    }

    /// Resolves every endpoint the run will call, so a bad value in the environment stops
    /// the run before anything is fetched instead of turning every region into a gap.
    public func checkEndpoints(_ services: [AWSService], regions: [String]) throws(AWSError) {
        for service in services {
            for region in regions { _ = try endpoint(service, region: region) }
        }
    }

    /// Whether `service`'s endpoint was named by the user rather than left to the region.
    public func hasCustomEndpoint(_ service: AWSService) -> Bool {
        AWSEndpoints.isCustom(service, override: endpointOverride, environment: environment)
    }

    /// Where `service` lives in `region` under these settings.
    public func endpoint(_ service: AWSService, region: String) throws(AWSError) -> URL {
        try AWSEndpoints.resolve(service, region: region, override: endpointOverride, environment: environment)
    }
}
