import Foundation

/// The AUTH user and password. Its description never shows the password, so neither
/// string interpolation nor a debugger print can leak it into a log or an error.
public struct SMTPCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var user: String
    public var password: String
    /// Where the password came from, named in the hint when the server refuses it
    /// (e.g. `$MACIE_REPORT_SMTP_PASSWORD`).
    public var passwordSource: String

    public init(user: String, password: String, passwordSource: String) {
        self.user = user
        self.password = password
        self.passwordSource = passwordSource
    }

    public var description: String { "\(user) (password from \(passwordSource))" }
    public var debugDescription: String { description }

    /// `text` with the password, and the base64 forms the AUTH commands send, replaced by `***`:
    /// for server replies quoted in errors, in case a server echoes what it was sent.
    func redacting(_ text: String) -> String {
        guard !password.isEmpty else { return text }
        var result = text
        for secret in [password, SMTPAuth.plainToken(self), SMTPAuth.base64(password)] where !secret.isEmpty {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        return result
    }
}

extension SMTPCredentials {
    /// The credentials for `url`: `nil` when it names no user (no AUTH), else the user with the
    /// password from the environment variable `variable` — never from the command line, where
    /// `ps` and shell history would show it.
    public static func forURL(_ url: SMTPURL, passwordVariable variable: String, environment: [String: String])
        throws(MailError) -> SMTPCredentials?
    {
        guard let user = url.user else { return nil }
        guard let password = environment[variable], !password.isEmpty else {
            throw .missingPassword(url, source: "$\(variable)")
        }
        return SMTPCredentials(user: user, password: password, passwordSource: "$\(variable)")
    }
}
