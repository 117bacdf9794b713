/// Where and how to reach the SMTP server: `smtp://[user@]host[:port]` (submission with
/// STARTTLS, port 587 by default) or `smtps://[user@]host[:port]` (implicit TLS, port 465).
///
/// A password in the URL is refused: a URL ends up in crontabs, `ps` output and shell
/// history, so the password comes from an environment variable instead.
public struct SMTPURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is secured.
    public enum Security: Sendable, Equatable {
        /// Plain TCP, upgraded with STARTTLS when the server offers it (`smtp://`).
        case startTLS
        /// TLS from the first byte (`smtps://`).
        case implicitTLS
    }

    public var security: Security
    /// The host name or IP address, without IPv6 brackets.
    public var host: String
    public var port: Int
    /// The AUTH user (percent-decoded); `nil` sends without authenticating.
    public var user: String?

    public init(security: Security, host: String, port: Int? = nil, user: String? = nil) {
        self.security = security
        self.host = host
        self.port = port ?? (security == .startTLS ? 587 : 465)
        self.user = user
    }

    /// Parses the `--smtp-url` value.
    public init(parsing text: String) throws(MailError) {
        guard let schemeEnd = text.range(of: "://") else {
            throw .invalidURL(text, "it has no scheme")
        }
        let security: Security
        switch text[..<schemeEnd.lowerBound].lowercased() {
        case "smtp": security = .startTLS
        case "smtps": security = .implicitTLS
        default: throw .invalidURL(text, "the scheme must be smtp or smtps")
        }
        var authority = Substring(text[schemeEnd.upperBound...])
        if authority.hasSuffix("/") { authority.removeLast() }
        guard !authority.contains(where: { "/?#".contains($0) }) else {
            throw .invalidURL(text, "it may not have a path, query or fragment")
        }
        guard !authority.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            throw .invalidURL(text, "it contains spaces or control characters")
        }
        var user: String?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            if userInfo.contains(":") { throw .passwordInURL(text) }
            guard let decoded = Self.percentDecoded(userInfo), !decoded.isEmpty else {
                throw .invalidURL(text, "the user is empty or badly percent-encoded")
            }
            user = decoded
            authority = authority[authority.index(after: at)...]
        }
        let (host, port) = try Self.hostAndPort(authority, text)
        self.init(security: security, host: host, port: port, user: user)
    }

    /// `smtp://user@host:port`, for messages (never a password: it is not in here).
    public var description: String {
        let scheme = security == .startTLS ? "smtp" : "smtps"
        return "\(scheme)://\(user.map { "\($0)@" } ?? "")\(hostAndPort)"
    }

    /// `host:port`, IPv6 in brackets, for error messages.
    public var hostAndPort: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    private static func hostAndPort(_ authority: Substring, _ text: String) throws(MailError) -> (String, Int?) {
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidURL(text, "the IPv6 address has no ]") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw .invalidURL(text, "expected :port after the IPv6 address") }
                portText = rest.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { throw .invalidURL(text, "it has no host") }
        guard let portText else { return (host.lowercased(), nil) }
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw .invalidURL(text, "the port must be a number from 1 to 65535")
        }
        return (host.lowercased(), port)
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            else { return nil }
            bytes.append(value)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self),
            !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return nil }
        return decoded
    }
}
