import AWSSigV4
import Foundation
import Logging

/// The AWS SDKs' default order: environment, the named or default profile, web identity,
/// container endpoint, EC2 instance metadata. The first source that applies wins; one that
/// applies but fails stops the chain with its reason.
public struct CredentialChain: CredentialProvider {
    /// Every provider's name in order: the "looked in" list of the no-credentials message.
    public var name: String { providers.map(\.name).joined(separator: ", ") }
    /// The sources, tried in this order.
    public let providers: [any CredentialProvider]

    /// A chain of `providers` in the order given; an empty chain finds nothing.
    public init(_ providers: [any CredentialProvider]) { self.providers = providers }

    /// The default chain for this environment. `profile` is `--profile`, else `AWS_PROFILE`.
    ///
    /// The chain's own STS calls (a profile's `role_arn`, web identity) find STS by the
    /// environment (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`) or its regional host, never by
    /// `--endpoint-url`, as the AWS CLI does: the endpoint given for the run's APIs (a VPC
    /// endpoint, the emulator) is not where the credentials come from.
    public static func standard(
        environment: [String: String], profile: String?, files: SharedConfigFiles, transport: any HTTPTransport,
        stsRegion: String?, logger: Logger = Logger(label: "macie-report.credentials", factory: { _ in SwiftLogNoOpLogHandler() })
    ) -> CredentialChain {
        let chosen = profile ?? environment["AWS_PROFILE"]
        let client = AWSClient(
            settings: AWSSettings(environment: environment, files: files), transport: transport, credentials: nil,
            logger: logger)
        let sts: @Sendable (String?) -> STS = { profileRegion in
            STS(client: client, region: profileRegion ?? stsRegion ?? "us-east-1")
        }
        var providers: [any CredentialProvider] = []
        // An explicit profile is what the user asked for; environment keys must not override it.
        if chosen == nil { providers.append(EnvironmentCredentials(environment: environment)) }
        providers.append(ProfileCredentials(profile: chosen ?? "default", files: files, explicit: chosen != nil, sts: sts))
        providers.append(WebIdentityCredentials(environment: environment, sts: { sts(nil) }))
        providers.append(ContainerCredentials(environment: environment, transport: transport))
        providers.append(InstanceMetadataCredentials(environment: environment, transport: transport))
        return CredentialChain(providers)
    }

    /// The first provider's non-`nil` answer, `nil` when none applies. A provider that throws stops the
    /// chain with its error instead of falling through to another identity.
    public func resolve() async throws -> ExpiringCredentials? {
        for provider in providers {
            if let found = try await provider.resolve() { return found }
        }
        return nil
    }
}

/// Caches credentials and fetches new ones before they expire, so a long walk never signs
/// with keys that are about to stop working. Concurrent callers share one refresh.
public actor RefreshingCredentials {
    private let provider: any CredentialProvider
    private let refreshMargin: TimeInterval
    private let now: @Sendable () -> Date
    private var current: ExpiringCredentials?
    private var refreshing: Task<ExpiringCredentials, Error>?

    /// - Parameter refreshMargin: how long before expiry to fetch new credentials (5 minutes,
    ///   as the SDKs do).
    public init(
        _ provider: any CredentialProvider, refreshMargin: TimeInterval = 300, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.provider = provider
        self.refreshMargin = refreshMargin
        self.now = now
    }

    /// The cached keys while more than the refresh margin is left, else new ones from the provider (one
    /// fetch shared by concurrent callers). Throws the provider's error, or says where it looked when
    /// no source applies.
    public func credentials() async throws -> AWSCredentials { try await expiring().credentials }

    /// As ``credentials()``, with the time they stop working (`nil` for keys that do not expire).
    public func expiring() async throws -> ExpiringCredentials {
        if let current, current.expiration.map({ $0.timeIntervalSince(now()) > refreshMargin }) ?? true {
            return current
        }
        if let refreshing { return try await refreshing.value }
        let provider = provider
        let task = Task { () throws -> ExpiringCredentials in
            guard let found = try await provider.resolve() else {
                throw AWSError.credentials(
                    "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, use --profile, or run where a role is available (looked in: \(provider.name))"
                )
            }
            return found
        }
        refreshing = task
        defer { refreshing = nil }
        let fresh = try await task.value
        current = fresh
        return fresh
    }
}
