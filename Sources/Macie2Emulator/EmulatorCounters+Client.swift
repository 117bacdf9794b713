import Foundation

extension EmulatorCounters {
    /// Who sent `request`, as ``requestsByClient`` keys it: `presigned:<key id>` for a presigned
    /// URL (its `X-Amz-Credential`'s key id; `presigned:` alone if that is missing), else the
    /// User-Agent's first product token (the text before its first `/` or space), else `none`.
    static func client(of request: EmulatorRequest) -> String {
        let query = request.query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        if query.contains(where: { $0.0 == "X-Amz-Signature" }) {
            let credential = query.first { $0.0 == "X-Amz-Credential" }?.1 ?? ""
            let decoded = credential.removingPercentEncoding ?? credential
            return "presigned:" + (decoded.split(separator: "/", maxSplits: 1).first.map(String.init) ?? "")
        }
        let agent = request.headers.first { $0.name.lowercased() == "user-agent" }?.value ?? ""
        let token = agent.trimmingCharacters(in: .whitespaces).prefix { $0 != "/" && $0 != " " }
        return token.isEmpty ? "none" : String(token)
    }

    /// Credits to `client` what ``requests`` gained since `before` (one request's count).
    mutating func credit(since before: [String: Int], to client: String) {
        for (operation, count) in requests where count != before[operation] {
            requestsByClient[client, default: [:]][operation, default: 0] += count - (before[operation] ?? 0)
        }
    }
}
