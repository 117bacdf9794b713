/// A strict RFC 4180 reader for tests: quoted fields, doubled quotes, CRLF records, and
/// CR or LF inside quotes. Independent of the writer it checks.
public enum CSVReader {
    public struct Malformed: Error, CustomStringConvertible {
        public let description: String
    }

    public static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [Unicode.Scalar] = []
        var scalars = Array(text.unicodeScalars)[...]
        var quoted = false
        var fieldStarted = false
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" {
                        scalars.removeFirst()
                        field.append("\"")
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !fieldStarted else { throw Malformed(description: "quote inside an unquoted field") }
                quoted = true
                fieldStarted = true
            case ",":
                record.append(String(String.UnicodeScalarView(field)))
                field = []
                fieldStarted = false
            case "\r":
                guard scalars.popFirst() == "\n" else { throw Malformed(description: "bare CR outside quotes") }
                record.append(String(String.UnicodeScalarView(field)))
                records.append(record)
                record = []
                field = []
                fieldStarted = false
            case "\n":
                throw Malformed(description: "bare LF outside quotes (records end with CRLF)")
            default:
                field.append(c)
                fieldStarted = true
            }
        }
        guard !quoted else { throw Malformed(description: "unterminated quoted field") }
        guard field.isEmpty, record.isEmpty else { throw Malformed(description: "last record not ended with CRLF") }
        return records
    }
}
