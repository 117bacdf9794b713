import Foundation
import Logging

/// Makes the run's one client (one connection pool, one credential chain, one retry state),
/// runs `body` with it, and closes the pool however `body` ends: no connection outlives the
/// run, and no part of the run makes a second pool.
///
/// - Parameters:
///   - maxConnections: the pool's connections per host; at least the run's concurrency.
///   - stsRegion: where the credential chain asks STS when the profile names no region.
public func withAWSClient<T: Sendable>(
    _ settings: AWSSettings, maxConnections: Int, stsRegion: String?, logger: Logger,
    _ body: (AWSClient) async throws -> T
) async throws -> T {
    let transport = try AsyncHTTPClientTransport(
        caBundle: settings.caBundle, connectTimeout: settings.connectTimeout, maxConnectionsPerHost: maxConnections)
    do {
        let chain = CredentialChain.standard(
            environment: settings.environment, profile: settings.profileName, files: settings.files, transport: transport,
            stsRegion: stsRegion, logger: logger)
        let client = AWSClient(
            settings: settings, transport: transport, credentials: RefreshingCredentials(chain), logger: logger)
        let result = try await body(client)
        await transport.shutdown()
        return result
    } catch {
        await transport.shutdown()
        throw error
    }
}
