/// Quoted-printable (RFC 2045 §6.7) for the plain-text part: stays readable in a raw mail
/// file, and is 7-bit clean with lines of at most 76 characters.
///
/// Line breaks in the text (LF or CRLF) become CRLF hard breaks; `=` and every byte outside
/// printable ASCII are `=XX`; a space or tab before a line break is encoded so no mail system
/// can strip it; long lines get soft breaks (`=` CRLF). A `.` at a line start is encoded
/// too, so the output never needs SMTP dot-stuffing.
enum QuotedPrintable {
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == 13 ? Array(line.dropLast()) : Array(line)
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines {
            encodeLine(line, to: &out)
            out += [13, 10]
        }
        return out
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func encodeLine(_ line: [UInt8], to out: inout [UInt8]) {
        var column = 0
        for (index, byte) in line.enumerated() {
            let isLast = index == line.count - 1
            let literal =
                (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 32 || byte == 9) && !isLast)
            let needsEscape = !literal || (column == 0 && byte == UInt8(ascii: "."))
            let token: [UInt8] = needsEscape ? [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]] : [byte]
            // Keep room for the soft break's "=" unless this token ends the line.
            let limit = isLast ? 76 : 75
            if column + token.count > limit {
                out += [UInt8(ascii: "="), 13, 10]
                column = 0
                if byte == UInt8(ascii: ".") {
                    out += [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                    column = 3
                    continue
                }
            }
            out += token
            column += token.count
        }
    }
}
