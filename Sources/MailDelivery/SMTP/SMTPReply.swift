import NIOCore

/// One SMTP reply, possibly multi-line (`250-first`, `250 last`).
struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    var code: Int
    /// The text of each line, without the code and separator.
    var lines: [String]

    var isPositive: Bool { (200..<400).contains(code) }

    /// `535 5.7.8 bad credentials` — the lines joined, for one-line error messages.
    var description: String { "\(code) \(lines.joined(separator: " / "))".trimmingWhitespace() }

    /// The EHLO keywords (`STARTTLS`, `AUTH PLAIN LOGIN`, ...), upper-cased, from the lines after the greeting.
    var extensions: [String: [String]] {
        var result: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let keyword = words.first else { continue }
            result[keyword] = Array(words.dropFirst())
        }
        return result
    }
}

/// Frames the byte stream into ``SMTPReply`` values. A line longer than 4 KiB or one without
/// a three-digit code means the peer is not an SMTP server; that is an error, not a hang.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    static let maximumLineLength = 4096
    private var code: Int?
    private var lines: [String] = []

    struct ProtocolViolation: Error, CustomStringConvertible {
        var description: String
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength {
                throw ProtocolViolation(description: "a reply line longer than \(Self.maximumLineLength) bytes")
            }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        var line = buffer.readBytes(length: length + 1)!.dropLast()
        if line.last == 13 { line = line.dropLast() }
        guard line.count >= 3, let code = Int(String(decoding: line.prefix(3), as: UTF8.self)), (200...599).contains(code)
        else {
            throw ProtocolViolation(
                description: "an answer that is not SMTP: \(String(decoding: line.prefix(80), as: UTF8.self))")
        }
        if let expected = self.code, expected != code {
            throw ProtocolViolation(description: "a multi-line reply whose codes differ (\(expected), \(code))")
        }
        let separator = line.count > 3 ? line[line.startIndex + 3] : UInt8(ascii: " ")
        let text = line.count > 4 ? String(decoding: line.dropFirst(4), as: UTF8.self) : ""
        lines.append(text)
        guard lines.count <= 1000 else { throw ProtocolViolation(description: "a reply of more than 1000 lines") }
        if separator == UInt8(ascii: "-") {
            self.code = code
            return .continue
        }
        let reply = SMTPReply(code: code, lines: lines)
        self.code = nil
        lines = []
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }
}
