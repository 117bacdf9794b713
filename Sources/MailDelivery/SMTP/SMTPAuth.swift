/// The AUTH mechanisms we speak, and the choice between them from the server's EHLO reply.
enum SMTPAuth: Equatable, Sendable {
    /// RFC 4616: one command carrying `\0user\0password` in base64.
    case plain
    /// The older two-prompt form, still the only one some servers offer.
    case login

    /// PLAIN when offered, else LOGIN; `nil` when the server offers neither (or no AUTH at all).
    static func choose(from ehlo: SMTPReply) -> SMTPAuth? {
        let offered = Set(mechanisms(in: ehlo))
        if offered.contains("PLAIN") { return .plain }
        if offered.contains("LOGIN") { return .login }
        return nil
    }

    /// The mechanisms listed on the `AUTH` line (and on the old `AUTH=` form some servers still send).
    static func mechanisms(in ehlo: SMTPReply) -> [String] {
        var result: [String] = []
        for (keyword, values) in ehlo.extensions {
            if keyword == "AUTH" { result += values }
            if keyword.hasPrefix("AUTH=") { result += [String(keyword.dropFirst(5))] + values }
        }
        return result
    }

    static func plainToken(_ credentials: SMTPCredentials) -> String {
        base64("\0\(credentials.user)\0\(credentials.password)")
    }

    static func base64(_ text: String) -> String {
        String(decoding: Base64Lines.encode(Array(text.utf8), lineLength: nil), as: UTF8.self)
    }
}
