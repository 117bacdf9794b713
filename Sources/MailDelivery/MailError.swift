import FileInput

/// Why a message could not be built or delivered, in one line that says what to do about it.
///
/// A struct around a private code, so new cases never break callers. No case carries a
/// password: the SMTP password is only ever held by ``SMTPCredentials``, and texts taken from
/// a server's replies are scrubbed of it before they get here.
public struct MailError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Code: Equatable, Sendable {
        case usage
        case message
        case server
        case local
    }

    private let code: Code
    /// The one line shown to the user.
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// A problem with the options themselves (a URL, a template, an address): fixable before any work is done.
    public var isUsageError: Bool { code == .usage }

    static func usage(_ text: String) -> MailError { MailError(.usage, text) }
    static func message(_ text: String) -> MailError { MailError(.message, text) }
    static func server(_ text: String) -> MailError { MailError(.server, text) }
    static func local(_ text: String) -> MailError { MailError(.local, text) }

    // MARK: Options

    static func passwordInURL(_ url: String) -> MailError {
        .usage(
            "--smtp-url must not contain a password (user:password@); put the user in the URL and the password in the environment variable named by --smtp-password-env"
        )
    }

    static func invalidURL(_ url: String, _ reason: String) -> MailError {
        .usage("--smtp-url \(url) is not usable: \(reason); write smtp://[user@]host[:port] or smtps://[user@]host[:port]")
    }

    static func invalidAddress(_ address: String, field: String) -> MailError {
        .usage(
            "\(field) \(printable(address)) is not an email address like reports@example.com or 'Macie Reports <reports@example.com>'"
        )
    }

    // MARK: Message

    static func headerInjection(field: String) -> MailError {
        .message("\(field) contains a line break or control character; remove it (it would let text into other mail headers)")
    }

    /// The file's own one line: "attachment PATH is a FIFO, not a regular file", "cannot read
    /// attachment PATH: permission denied".
    static func attachmentUnreadable(_ error: FileInputError) -> MailError { .local(error.description) }

    /// Shows control characters as `\u{..}` so an error about them stays on one line.
    static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return "'\(result)'"
    }
}
