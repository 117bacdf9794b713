/// Base64 (RFC 4648) cut into CRLF-terminated lines, as MIME bodies need (RFC 2045: at most 76).
///
/// Our own loop rather than Foundation's, so the output goes straight into the message's byte
/// array: a large report.html is encoded once, without intermediate `Data` copies.
enum Base64Lines {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The encoding of `bytes`; with a `lineLength` (a multiple of 4), every line, the last
    /// included, ends with CRLF.
    static func encode(_ bytes: some Collection<UInt8>, lineLength: Int? = 76) -> [UInt8] {
        var out: [UInt8] = []
        append(bytes, lineLength: lineLength, to: &out)
        return out
    }

    static func append(_ bytes: some Collection<UInt8>, lineLength: Int? = 76, to out: inout [UInt8]) {
        let input = Array(bytes)
        out.reserveCapacity(out.count + input.count / 3 * 4 + input.count / 57 * 2 + 8)
        var column = 0
        var index = 0
        func emit(_ value: UInt8) {
            out.append(value)
            column += 1
            if let lineLength, column == lineLength {
                out += [13, 10]
                column = 0
            }
        }
        while index + 3 <= input.count {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            emit(alphabet[Int(chunk >> 18 & 63)])
            emit(alphabet[Int(chunk >> 12 & 63)])
            emit(alphabet[Int(chunk >> 6 & 63)])
            emit(alphabet[Int(chunk & 63)])
            index += 3
        }
        let rest = input.count - index
        if rest > 0 {
            let chunk = UInt32(input[index]) << 16 | (rest == 2 ? UInt32(input[index + 1]) << 8 : 0)
            emit(alphabet[Int(chunk >> 18 & 63)])
            emit(alphabet[Int(chunk >> 12 & 63)])
            emit(rest == 2 ? alphabet[Int(chunk >> 6 & 63)] : UInt8(ascii: "="))
            emit(UInt8(ascii: "="))
        }
        if lineLength != nil, column > 0 { out += [13, 10] }
    }
}
