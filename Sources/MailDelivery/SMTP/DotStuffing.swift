/// The DATA block of RFC 5321 §4.5.2: the message with every line ending made CRLF, a second
/// `.` before any line that starts with one (so no line of the message can end the
/// transfer early), and the terminating `CRLF . CRLF`.
enum DotStuffing {
    static func dataBlock(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 64 + 5)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in message {
            if byte == 10 && previous != 13 { out.append(13) }
            if previous == 13 && byte != 10 {
                out.append(10)
                atLineStart = true
            }
            if atLineStart && byte == UInt8(ascii: ".") { out.append(UInt8(ascii: ".")) }
            out.append(byte)
            atLineStart = byte == 10
            previous = byte
        }
        if previous == 13 {
            out.append(10)
        } else if previous != 10 && !message.isEmpty {
            out += [13, 10]
        }
        out += Array(".\r\n".utf8)
        return out
    }
}
