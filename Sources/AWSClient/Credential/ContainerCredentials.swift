import AWSSigV4
import Foundation

/// ECS and EKS Pod Identity: `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on 169.254.170.2) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` as the Authorization header.
public struct ContainerCredentials: CredentialProvider {
    /// How the chain's messages name this source.
    public let name = "container credentials endpoint"
    let environment: [String: String]
    let transport: any HTTPTransport

    /// `environment` is the run's variables (passed in, so tests need not set real ones); `transport`
    /// fetches from the endpoint.
    public init(environment: [String: String], transport: any HTTPTransport) {
        self.environment = environment
        self.transport = transport
    }

    /// `nil` when neither URI variable is set. Throws when one is: a URI that is not allowed, an unreadable
    /// token file, no answer within 5 s, a status other than 200, or an answer without keys.
    public func resolve() async throws -> ExpiringCredentials? {
        let url: URL
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            guard let full = URL(string: "http://169.254.170.2" + relative) else {
                throw AWSError.credentials("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI \(relative) is not a path")
            }
            url = full
        } else if let text = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !text.isEmpty {
            guard let full = URL(string: text), Self.isAllowed(full) else {
                throw AWSError.credentials(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http on a loopback or the ECS/EKS link-local address: \(text)"
                )
            }
            url = full
        } else {
            return nil
        }
        var headers: [(name: String, value: String)] = [("Accept", "application/json")]
        if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw AWSError.credentials("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file)")
            }
            headers.append(
                ("Authorization", String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !token.isEmpty {
            headers.append(("Authorization", token))
        }
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: "GET", url: url, headers: headers, timeout: 5))
        } catch {
            throw AWSError.credentials("the container credentials endpoint \(url.absoluteString) did not answer: \(error)")
        }
        guard response.status == 200 else {
            throw AWSError.credentials("the container credentials endpoint answered HTTP \(response.status)")
        }
        return try MetadataCredentialsJSON.parse(response.body, source: "the container credentials endpoint")
    }

    static func isAllowed(_ url: URL) -> Bool {
        if url.scheme == "https" { return true }
        guard url.scheme == "http", let host = url.host else { return false }
        return host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
            || host == "169.254.170.2" || host == "169.254.170.23" || host.lowercased().contains("fd00:ec2::23")
    }
}
