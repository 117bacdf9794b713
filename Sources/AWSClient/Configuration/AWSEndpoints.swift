import AWSSigV4
import Foundation

/// Where a service lives, by one rule for every service, explicit before environment as in
/// the AWS SDKs: the run's `--endpoint-url`, else `AWS_ENDPOINT_URL_<SERVICE ID>`, else
/// `AWS_ENDPOINT_URL`, else the regional host `https://<prefix>.<region>.amazonaws.com`
/// (`.amazonaws.com.cn` in China regions).
public enum AWSEndpoints {
    /// The endpoint of `service` in `region`. `override` is `--endpoint-url` (already checked
    /// with ``parse(_:from:)``); a bad value in the environment is a usage error naming it.
    public static func resolve(
        _ service: AWSService, region: String, override: URL?, environment: [String: String]
    ) throws(AWSError) -> URL {
        if let override { return override }
        for name in [service.endpointVariable, "AWS_ENDPOINT_URL"] {
            if let value = environment[name], !value.isEmpty { return try parse(value, from: name) }
        }
        let region = try AWSRegion.validated(region, from: "region")
        let host = "https://\(service.endpointPrefix).\(region).\(AWSRegion.dnsSuffix(region))"
        guard let url = URL(string: host) else { throw .usage("cannot form an endpoint URL from region \(region)") }
        return url
    }

    /// Whether the user named `service`'s endpoint (`--endpoint-url` or a variable) rather
    /// than leaving it to the region: S3 then addresses buckets in the path, as a local or
    /// private endpoint expects, instead of in the host name.
    public static func isCustom(_ service: AWSService, override: URL?, environment: [String: String]) -> Bool {
        override != nil || [service.endpointVariable, "AWS_ENDPOINT_URL"].contains { !(environment[$0] ?? "").isEmpty }
    }

    /// An endpoint URL as given by the user: http or https, a host, a port that exists, no
    /// query or fragment. `source` names where it came from, for the message.
    public static func parse(_ text: String, from source: String) throws(AWSError) -> URL {
        let problem: String?
        let components = URLComponents(string: text)
        if let components, let scheme = components.scheme?.lowercased() {
            if !["http", "https"].contains(scheme) {
                problem = "the scheme must be http or https"
            } else if (components.host ?? "").isEmpty {
                problem = "it has no host"
            } else if let port = components.port, !(1...65535).contains(port) {
                problem = "port \(port) is outside 1-65535"
            } else if components.query != nil || components.fragment != nil {
                problem = "it must not have a query or fragment"
            } else {
                problem = nil
            }
        } else {
            problem = "it is not a URL"
        }
        if let problem {
            throw .usage(
                "\(source) \(ServerText.quoted(text)) is not a usable endpoint: \(problem); write it like https://host[:port]")
        }
        guard let url = components?.url else { throw .usage("\(source) \(ServerText.quoted(text)) is not a URL") }
        return url
    }

    /// `endpoint` with `prefix` put before its host (S3's `bucket.`), or as it is for `nil`.
    static func prefixed(_ endpoint: URL, _ prefix: String?) throws(AWSError) -> URL {
        guard let prefix else { return endpoint }
        guard var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false), let host = components.host,
            !host.contains(":")
        else { throw .usage("cannot put \(prefix) before the host of \(endpoint.absoluteString)") }
        components.host = prefix + host
        guard let url = components.url else { throw .usage("cannot form a URL from \(prefix) and \(endpoint.absoluteString)") }
        return url
    }

    /// The Host header for a URL: the host, with the port when it is not the scheme's default.
    public static func hostHeader(_ url: URL) -> String {
        guard let host = url.host else { return "" }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        guard let port = url.port, !(url.scheme == "https" && port == 443), !(url.scheme == "http" && port == 80) else {
            return bracketed
        }
        return "\(bracketed):\(port)"
    }

    /// The full URL for a request path (and query, encoded as SigV4 encodes it, so the URL and
    /// the signature agree) under an endpoint that may have a path of its own.
    static func url(
        _ endpoint: URL, path: String, query: [(name: String, value: String)] = []
    ) throws(AWSError) -> (url: URL, path: String) {
        let base = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        let full = base + (path == "/" && !base.isEmpty ? "" : path)
        let signedPath = full.isEmpty ? "/" : full
        guard var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) else {
            throw .usage("cannot form a URL from \(endpoint.absoluteString)")
        }
        components.percentEncodedPath = signedPath
        components.percentEncodedQuery =
            query.isEmpty
            ? nil
            : query.map { "\(SigV4.percentEncode($0.name, keepSlash: false))=\(SigV4.percentEncode($0.value, keepSlash: false))" }
                .joined(separator: "&")
        guard let url = components.url else { throw .usage("cannot form a URL from \(endpoint.absoluteString) and \(path)") }
        return (url, signedPath)
    }
}
