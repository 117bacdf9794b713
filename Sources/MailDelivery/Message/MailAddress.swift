/// One mailbox: `reports@example.com` or `Macie Reports <reports@example.com>`.
///
/// Parsed once, when the options are read, so a typo fails before the walk instead of after
/// it. Deliberately stricter than RFC 5322 (no comments, no quoted local parts, no groups):
/// these are addresses a person types on a cron line, and anything with a line break or a
/// control character is refused outright so it can never start a new header or SMTP command.
public struct MailAddress: Sendable, Equatable, CustomStringConvertible {
    /// The addr-spec, `local@domain`: what SMTP's MAIL FROM and RCPT TO carry.
    public let address: String
    /// The display name, if one was given.
    public let displayName: String?

    /// Parses `addr`, `<addr>` or `Name <addr>`; `field` names the flag in the error.
    public init(parsing text: String, field: String = "address") throws(MailError) {
        let trimmed = text.trimmingWhitespace()
        guard !HeaderEncoding.hasControlCharacters(trimmed) else {
            throw .invalidAddress(text, field: field)
        }
        var name: String?
        var spec = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            spec = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var rawName = String(trimmed[..<open]).trimmingWhitespace()
            if rawName.count >= 2, rawName.hasPrefix("\""), rawName.hasSuffix("\"") {
                rawName = String(rawName.dropFirst().dropLast())
            }
            name = rawName.isEmpty ? nil : rawName
        }
        guard Self.isAddrSpec(spec) else { throw .invalidAddress(text, field: field) }
        address = spec
        displayName = name
    }

    /// The header form: the display name quoted or RFC 2047 encoded as needed, then `<address>`.
    public var description: String {
        guard let displayName else { return address }
        return "\(HeaderEncoding.phrase(displayName)) <\(address)>"
    }

    /// `local@domain`, printable ASCII, no spaces, no specials that would break `<...>` or a command.
    static func isAddrSpec(_ spec: String) -> Bool {
        let parts = spec.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, spec.utf8.count <= 254 else { return false }
        // ASCII only: a non-ASCII address needs SMTPUTF8 end to end, which a report mailer can do without.
        guard spec.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { return false }
        let forbidden: Set<Character> = ["<", ">", "(", ")", ",", ";", ":", "\\", "\"", "[", "]", " "]
        guard !spec.contains(where: { forbidden.contains($0) || $0.isWhitespace }) else { return false }
        return !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !parts[1].contains("..")
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
