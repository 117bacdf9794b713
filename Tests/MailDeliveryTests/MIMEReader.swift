import Foundation

/// An independent reader of the MIME bytes we write, for tests: headers unfolded, multipart
/// bodies split at their boundaries, base64 and quoted-printable decoded.
struct MIMEPart {
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The value of a parameter such as `boundary` in a header.
    func parameter(_ header: String, _ name: String) -> String? {
        guard let value = self.header(header) else { return nil }
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == name.lowercased() {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    init(_ bytes: [UInt8]) {
        let separator = Array("\r\n\r\n".utf8)
        let split = bytes.firstRange(of: separator)
        let head = String(decoding: split.map { bytes[..<$0.lowerBound] } ?? bytes[...], as: UTF8.self)
        body = split.map { Array(bytes[$0.upperBound...]) } ?? []
        headers = []
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !headers.isEmpty {
                headers[headers.count - 1].value += line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(
                    (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
    }

    /// The parts of a multipart body.
    var parts: [MIMEPart] {
        guard let boundary = parameter("Content-Type", "boundary") else { return [] }
        let text = body
        let delimiter = Array("--\(boundary)".utf8)
        var result: [MIMEPart] = []
        var ranges: [Range<Int>] = []
        var searchFrom = 0
        while let found = text[searchFrom...].firstRange(of: delimiter) {
            ranges.append(found)
            searchFrom = found.upperBound
        }
        for (index, range) in ranges.enumerated().dropLast() {
            let start = range.upperBound + 2  // CRLF after the delimiter
            let end = ranges[index + 1].lowerBound - 2  // CRLF before the next one belongs to it
            result.append(MIMEPart(Array(text[start..<end])))
        }
        return result
    }

    /// The body with its transfer encoding undone.
    var decoded: [UInt8] {
        switch header("Content-Transfer-Encoding")?.lowercased() {
        case "base64":
            let compact = String(decoding: body, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "")
            return Array(Data(base64Encoded: compact) ?? Data())
        case "quoted-printable":
            var out: [UInt8] = []
            var index = 0
            while index < body.count {
                if body[index] == UInt8(ascii: "="), index + 2 < body.count + 1 {
                    if index + 2 < body.count, body[index + 1] == 13, body[index + 2] == 10 {
                        index += 3
                        continue
                    }
                    let hex = String(decoding: body[(index + 1)...(index + 2)], as: UTF8.self)
                    out.append(UInt8(hex, radix: 16)!)
                    index += 3
                } else {
                    out.append(body[index])
                    index += 1
                }
            }
            return out
        default:
            return body
        }
    }
}
