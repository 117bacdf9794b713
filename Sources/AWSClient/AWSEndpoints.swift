import Foundation

/// Where a service lives: an explicit override, else the environment's, else AWS's default.
public enum AWSEndpoints {
    /// `--endpoint-url`, else `AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`, else
    /// `https://<prefix>.<region>.amazonaws.com` (`.amazonaws.com.cn` in China regions).
    public static func resolve(service: String, region: String, override: String?, environment: [String: String]) throws -> URL {
        let key = "AWS_ENDPOINT_URL_" + service.uppercased().replacingOccurrences(of: "-", with: "_")
        let candidates: [(String, String?)] = [
            ("--endpoint-url", override), (key, environment[key]), ("AWS_ENDPOINT_URL", environment["AWS_ENDPOINT_URL"]),
        ]
        for (source, value) in candidates {
            guard let value, !value.isEmpty else { continue }
            guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
                url.host != nil
            else {
                throw CredentialError("\(source) \(value) is not an http(s) URL")
            }
            return url
        }
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return URL(string: "https://\(service).\(region).\(suffix)")!
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
}
