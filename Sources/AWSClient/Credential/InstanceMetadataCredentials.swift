import Foundation

/// EC2 instance role credentials over IMDSv2: a session token from `PUT /latest/api/token`,
/// then the role name and its credentials. `AWS_EC2_METADATA_DISABLED=true` turns it off;
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT` moves it. Off EC2 the endpoint does not answer, which
/// means "not applicable", after a short timeout.
public struct InstanceMetadataCredentials: CredentialProvider {
    /// How the chain's messages name this source.
    public let name = "EC2 instance metadata (IMDSv2)"
    let environment: [String: String]
    let transport: any HTTPTransport

    /// `environment` is the run's variables; `transport` talks to the metadata service.
    public init(environment: [String: String], transport: any HTTPTransport) {
        self.environment = environment
        self.transport = transport
    }

    /// `nil` when disabled, or when the token request fails or is refused within 1 s (not on EC2). Throws
    /// once the service has answered but gives no role or no usable credentials.
    public func resolve() async throws -> ExpiringCredentials? {
        guard environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() != "true" else { return nil }
        let base = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://169.254.169.254"
        guard let root = URL(string: base.hasSuffix("/") ? String(base.dropLast()) : base) else {
            throw AWSError.credentials("AWS_EC2_METADATA_SERVICE_ENDPOINT \(base) is not a URL")
        }
        let token: HTTPResponse
        do {
            token = try await transport.send(
                HTTPRequest(
                    method: "PUT", url: root.appendingPathComponent("latest/api/token"),
                    headers: [("X-aws-ec2-metadata-token-ttl-seconds", "21600")], timeout: 1))
        } catch {
            return nil  // no instance metadata service here
        }
        guard token.status == 200 else { return nil }
        let session = [("X-aws-ec2-metadata-token", String(decoding: token.body, as: UTF8.self))]
        let roles = try await get(root.appendingPathComponent("latest/meta-data/iam/security-credentials/"), session)
        guard let role = String(decoding: roles, as: UTF8.self).split(whereSeparator: \.isNewline).first else {
            throw AWSError.credentials("this EC2 instance has no IAM role attached")
        }
        let body = try await get(root.appendingPathComponent("latest/meta-data/iam/security-credentials/\(role)"), session)
        return try MetadataCredentialsJSON.parse(body, source: "EC2 instance metadata")
    }

    private func get(_ url: URL, _ headers: [(name: String, value: String)]) async throws -> [UInt8] {
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: "GET", url: url, headers: headers, timeout: 2))
        } catch {
            throw AWSError.credentials("EC2 instance metadata did not answer \(url.path): \(error)")
        }
        guard response.status == 200 else {
            throw AWSError.credentials("EC2 instance metadata answered HTTP \(response.status) for \(url.path)")
        }
        return response.body
    }
}
