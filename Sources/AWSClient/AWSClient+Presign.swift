import AWSSigV4
import Foundation

extension AWSClient {
    /// A URL that lets whoever holds it send `request` (a GET, in practice) without
    /// credentials until it expires: the signature travels in the query string.
    ///
    /// Signed with the client's credentials as they are now. A URL signed with temporary
    /// credentials (a role's) stops working when they expire, whatever `expires` says, so
    /// the result carries their expiry for the caller to warn about.
    ///
    /// - Parameter expires: seconds, 1 to 604 800 (7 days, SigV4's limit).
    public func presignedURL(
        _ request: AWSRequest, to service: AWSService, region: String, expires: Int
    ) async throws -> (url: URL, credentialsExpire: Date?) {
        guard (1...604_800).contains(expires) else {
            throw AWSError.usage("a presigned URL lasts 1 second to 7 days (604800 seconds), not \(expires)")
        }
        guard let credentials else { throw AWSError.credentials("no credentials were set up for \(request.operation)") }
        let keys = try await credentials.expiring()
        let endpoint = try AWSEndpoints.prefixed(settings.endpoint(service, region: region), request.hostPrefix)
        let (_, path) = try AWSEndpoints.url(endpoint, path: request.path)
        let signer = SigV4Signer(credentials: keys.credentials, scope: Self.scope(service, region: region))
        let signed = signer.presign(
            SigningRequest(
                method: request.method, path: path, query: request.query,
                headers: [("Host", AWSEndpoints.hostHeader(endpoint))], payloadHash: SigV4.unsignedPayload),
            date: now(), expires: expires)
        let (url, _) = try AWSEndpoints.url(endpoint, path: request.path, query: signed.query)
        return (url, keys.credentials.sessionToken == nil ? nil : keys.expiration)
    }
}
