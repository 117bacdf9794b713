import Foundation

/// Text that came from a server (an error message, a body, a header echoed back) made safe
/// to print, keep in a report and store in the history.
///
/// A server is not trusted to send text: an ESC or CR can rewrite a terminal line, a body of
/// megabytes would become a report of megabytes, and a proxy that echoes the request can send
/// back our own `X-Amz-Security-Token` or `Authorization` header. So control and bidirectional
/// characters become spaces, the length is capped, and anything that looks like a credential
/// is masked.
public enum ServerText {
    /// The longest text kept, in characters.
    public static let maximumLength = 300

    /// One line: control characters removed, credentials masked, at most `limit` characters.
    public static func oneLine(_ text: some StringProtocol, limit: Int = maximumLength) -> String {
        var cleaned = ""
        var count = 0
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace || isControl(scalar)
            if isSpace {
                if !lastWasSpace && count > 0 {
                    cleaned.append(" ")
                    count += 1
                }
                lastWasSpace = true
            } else {
                cleaned.unicodeScalars.append(scalar)
                count += 1
                lastWasSpace = false
            }
            if count >= limit + 1 { break }
        }
        var result = masked(cleaned)
        if result.count > limit { result = String(result.prefix(limit)) + "…" }
        return result
    }

    /// C0 and C1 controls, DEL, and the bidirectional controls that reorder what follows them.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        default: return false
        }
    }

    /// Names whose values are secrets, as they appear in headers, query strings and JSON.
    static let secretNames: Set<String> = [
        "x-amz-security-token", "authorization", "x-amz-signature", "x-amz-credential", "credential", "signature",
        "aws_secret_access_key", "secretaccesskey", "sessiontoken", "aws_session_token", "token", "password",
    ]

    /// Replaces the value after a secret's name (`name: value`, `name=value`, `"name":"value"`)
    /// and anything shaped like an access key id with `<redacted>`.
    static func masked(_ text: String) -> String {
        var words: [String] = []
        var redactNext = false
        for word in text.split(separator: " ") {
            if redactNext {
                words.append("<redacted>")
                redactNext = false
                continue
            }
            let separator = word.firstIndex { $0 == "=" || $0 == ":" } ?? word.endIndex
            let name = word[..<separator].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "\"'{},;&?[]"))
            if secretNames.contains(name) {
                let value = separator < word.endIndex ? word[word.index(after: separator)...] : ""
                if value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).isEmpty {
                    words.append(String(word))
                    redactNext = true
                } else {
                    words.append(String(word[...separator]) + "<redacted>")
                }
            } else if looksLikeAccessKey(word) {
                words.append("<redacted>")
            } else {
                words.append(String(word))
            }
        }
        return words.joined(separator: " ")
    }

    /// `AKIA…`/`ASIA…` followed by 16 upper-case letters or digits.
    static func looksLikeAccessKey(_ word: Substring) -> Bool {
        let trimmed = word.trimmingCharacters(in: .punctuationCharacters)
        guard trimmed.count == 20, trimmed.hasPrefix("AKIA") || trimmed.hasPrefix("ASIA") else { return false }
        return trimmed.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
    }
}

extension ServerText {
    /// A value the user gave, quoted for a message, with invisible characters made visible
    /// (`\u{20}` for a trailing space would be lost in a terminal, so spaces at the ends,
    /// controls and newlines are shown escaped) and long values shortened.
    public static func quoted(_ value: String, limit: Int = 80) -> String {
        var shown = ""
        let scalars = Array(value.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let atEdge = index == 0 || index == scalars.count - 1
            if isControl(scalar) || (atEdge && scalar.properties.isWhitespace) {
                shown += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        if shown.count > limit { shown = String(shown.prefix(limit)) + "…" }
        return "'\(shown)'"
    }
}
