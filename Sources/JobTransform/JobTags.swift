/// A job's tags as a JSON object with keys sorted: unambiguous whatever the keys and values
/// contain (commas, quotes, newlines), and read back by `json.loads` or `JSON.parse`.
public struct JobTags: Sendable, Hashable {
    /// `{"env":"prod","owner":"data"}`; `{}` when the job has no tags.
    public let json: String

    public var isEmpty: Bool { json == "{}" }

    public init(_ tags: [String: String]) {
        var out = "{"
        for (i, key) in tags.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            out += Self.quote(key) + ":" + Self.quote(tags[key]!)
        }
        json = out + "}"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, as are
    /// U+2028 and U+2029, which some JavaScript parsers take for line ends.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}"..."\u{1F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
