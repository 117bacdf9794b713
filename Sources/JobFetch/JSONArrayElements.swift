/// Splits a JSON document whose top level is an array into the byte ranges of its elements,
/// without building any values.
///
/// This lets a large samples file be decoded a few thousand jobs at a time, on both cores,
/// instead of as one array of every job's full response. It checks structure only (strings,
/// nesting); what it accepts is then decoded strictly, and what it rejects is located by
/// ``JSONSyntaxLocator``.
enum JSONArrayElements {
    enum Failure: Error {
        /// The document is not an array; decoding it as one gives the right message.
        case notAnArray
        /// Unbalanced brackets or an unterminated string somewhere.
        case malformed
    }

    static func ranges(in bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> [Range<Int>] {
        var i = 0
        let n = bytes.count
        func skipSpace() {
            while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }
        // A UTF-8 byte order mark is not JSON; leave it to the decoder to refuse.
        skipSpace()
        guard i < n, bytes[i] == UInt8(ascii: "[") else { throw .notAnArray }
        i += 1
        var ranges: [Range<Int>] = []
        skipSpace()
        if i < n, bytes[i] == UInt8(ascii: "]") {
            i += 1
            skipSpace()
            guard i == n else { throw .malformed }
            return ranges
        }
        while true {
            skipSpace()
            let start = i
            var depth = 0
            scan: while i < n {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    i += 1
                    while i < n, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                    guard i < n else { throw .malformed }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { break scan }
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == 0 { break scan }
                default:
                    break
                }
                i += 1
            }
            guard i < n, depth == 0 else { throw .malformed }
            var end = i
            while end > start,
                bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x09
            { end -= 1 }
            guard end > start else { throw .malformed }
            ranges.append(start..<end)
            if bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard bytes[i] == UInt8(ascii: "]") else { throw .malformed }
            i += 1
            skipSpace()
            guard i == n else { throw .malformed }
            return ranges
        }
    }
}
