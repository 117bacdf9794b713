/// Header text that survives every mail system: 7-bit ASCII, no bare line breaks, folded
/// lines. Non-ASCII becomes RFC 2047 encoded-words (subjects, display names) or RFC 2231
/// parameters (attachment file names).
enum HeaderEncoding {
    /// RFC 5322 recommends header lines of at most 78 characters.
    static let foldWidth = 78

    /// An unstructured header (Subject) as `Name: value`, folded with CRLF + space.
    /// Plain ASCII stays readable; anything else becomes a run of encoded-words.
    static func unstructured(_ name: String, _ value: String) -> String {
        let words = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let plain =
            value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !value.contains("=?")
            && words.allSatisfy { $0.utf8.count < 900 } && !value.hasPrefix(" ") && !value.hasSuffix(" ")
        if plain {
            return fold("\(name):", words)
        }
        return fold("\(name):", encodedWords(value))
    }

    /// Joins `pieces` after `head` with spaces, starting a continuation line (CRLF + space)
    /// before any piece that would take the line past ``foldWidth``.
    static func fold(_ head: String, _ pieces: [String], separator: String = "") -> String {
        var result = head
        var lineLength = head.utf8.count
        for (index, piece) in pieces.enumerated() {
            let text = piece + (index < pieces.count - 1 ? separator : "")
            if index > 0 && lineLength + 1 + text.utf8.count > foldWidth {
                result += "\r\n "
                lineLength = 1
            } else {
                result += " "
                lineLength += 1
            }
            result += text
            lineLength += text.utf8.count
        }
        return result
    }

    /// RFC 2047 `=?utf-8?B?...?=` words of at most 75 characters, each holding whole
    /// characters (45 bytes of UTF-8 at most, so 60 base64 characters).
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 45 {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?utf-8?B?" + String(decoding: Base64Lines.encode(bytes, lineLength: nil), as: UTF8.self) + "?="
    }

    /// A display name: bare when it is only letters, digits and spaces, quoted when it has
    /// other ASCII punctuation, encoded-words when it is not ASCII.
    static func phrase(_ name: String) -> String {
        guard name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }), !name.contains("=?") else {
            return encodedWords(name).joined(separator: " ")
        }
        let atext = name.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " "
                || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains($0))
        }
        if atext && !name.contains("  ") && !name.hasPrefix(" ") { return name }
        return quoted(name)
    }

    /// Whether `text` holds anything that could end a header line or confuse a reader: C0
    /// controls (a tab only when `allowingTab`), DEL, NEL and the Unicode line and paragraph separators.
    static func hasControlCharacters(_ text: String, allowingTab: Bool = false) -> Bool {
        text.unicodeScalars.contains { scalar in
            if scalar == "\t" { return !allowingTab }
            return scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{85}" || scalar == "\u{2028}"
                || scalar == "\u{2029}"
        }
    }

    /// A quoted-string: backslash before `"` and `\`.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A MIME parameter such as `filename`: quoted when ASCII, RFC 2231 `name*=utf-8''%XX`
    /// when not, so a non-ASCII file name arrives intact.
    static func parameter(_ name: String, _ value: String) -> String {
        if value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            return "\(name)=\(quoted(value))"
        }
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        var encoded = ""
        for byte in value.utf8 {
            if unreserved.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return "\(name)*=utf-8''\(encoded)"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
