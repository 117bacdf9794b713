/// Finds the first JSON syntax error in a document and says where it is.
///
/// Foundation's decoder only says "not valid JSON"; someone fixing a 5 MB samples file
/// needs the line and column. This is a strict RFC 8259 checker that runs only after a
/// decode has already failed, so it is never on the hot path.
public enum JSONSyntaxLocator {
    /// `nil` if the document is valid JSON, else "line L, column C: what was wrong".
    public static func firstError(in bytes: [UInt8]) -> String? {
        var checker = Checker(bytes: bytes)
        do {
            checker.skipSpace()
            try checker.value(depth: 0)
            checker.skipSpace()
            if checker.i < bytes.count { throw checker.fail("unexpected text after the end of the document") }
            return nil
        } catch let error as Failure {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    private struct Failure: Error { let message: String }

    private struct Checker {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func fail(_ what: String) -> Failure {
            var line = 1
            var column = 1
            for b in bytes[..<min(i, bytes.count)] {
                if b == 0x0A {
                    line += 1
                    column = 1
                } else if b & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return Failure(message: "line \(line), column \(column): \(what)")
        }

        var current: UInt8? { i < bytes.count ? bytes[i] : nil }

        func describeCurrent() -> String {
            guard let c = current else { return "unexpected end of file" }
            if c >= 0x20 && c < 0x7F { return "unexpected character '\(Character(Unicode.Scalar(c)))'" }
            return "unexpected byte 0x\(String(c, radix: 16, uppercase: true))"
        }

        mutating func skipSpace() {
            while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 }
        }

        mutating func expect(_ c: UInt8, _ what: String) throws {
            guard current == c else { throw fail("\(describeCurrent()), expected \(what)") }
            i += 1
        }

        mutating func value(depth: Int) throws {
            guard depth < 512 else { throw fail("nesting deeper than 512 levels") }
            guard let c = current else { throw fail("unexpected end of file, expected a value") }
            switch c {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw fail("\(describeCurrent()), expected a value")
            }
        }

        mutating func object(depth: Int) throws {
            i += 1
            skipSpace()
            if current == UInt8(ascii: "}") {
                i += 1
                return
            }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\"") else { throw fail("\(describeCurrent()), expected a member name in quotes") }
                try string()
                skipSpace()
                try expect(UInt8(ascii: ":"), "':'")
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "',' or '}'")
                return
            }
        }

        mutating func array(depth: Int) throws {
            i += 1
            skipSpace()
            if current == UInt8(ascii: "]") {
                i += 1
                return
            }
            while true {
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                if current == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "]"), "',' or ']'")
                return
            }
        }

        mutating func string() throws {
            i += 1
            while let c = current {
                switch c {
                case UInt8(ascii: "\""):
                    i += 1
                    return
                case UInt8(ascii: "\\"):
                    i += 1
                    guard let e = current else { break }
                    if e == UInt8(ascii: "u") {
                        for _ in 0..<4 {
                            i += 1
                            guard let h = current, h.isHexDigit else { throw fail("bad \\u escape in a string") }
                        }
                    } else if !"\"\\/bfnrt".utf8.contains(e) {
                        throw fail("bad escape '\\\(Character(Unicode.Scalar(e)))' in a string")
                    }
                    i += 1
                case 0..<0x20: throw fail("unescaped control character in a string")
                default: i += 1
                }
            }
            throw fail("unterminated string")
        }

        mutating func literal(_ word: String) throws {
            for expected in word.utf8 {
                guard current == expected else { throw fail("\(describeCurrent()), expected '\(word)'") }
                i += 1
            }
        }

        mutating func number() throws {
            if current == UInt8(ascii: "-") { i += 1 }
            guard let first = current, first.isDigit else { throw fail("\(describeCurrent()), expected a digit") }
            i += 1
            if first != UInt8(ascii: "0") { while current?.isDigit == true { i += 1 } }
            if current == UInt8(ascii: ".") {
                i += 1
                guard current?.isDigit == true else { throw fail("\(describeCurrent()), expected a digit after '.'") }
                while current?.isDigit == true { i += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                i += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { i += 1 }
                guard current?.isDigit == true else { throw fail("\(describeCurrent()), expected an exponent") }
                while current?.isDigit == true { i += 1 }
            }
        }
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    fileprivate var isHexDigit: Bool { isDigit || (self | 0x20 >= 0x61 && self | 0x20 <= 0x66) }
}
