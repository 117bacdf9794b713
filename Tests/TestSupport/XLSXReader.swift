import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads cells back out of an .xlsx for tests: unzips one part with the system `unzip` and
/// parses its XML. Independent of libxlsxwriter, so it checks what was really written.
public enum XLSXReader {
    /// One `<c>` element: its reference, type attribute, style, formula (if any) and value.
    public struct Cell: Sendable {
        public var reference: String
        public var type: String?
        public var style: String?
        public var formula: String?
        /// `<v>` for numbers, the joined `<t>` runs for inline strings.
        public var value: String
        /// The row, 1-based, and column, 0-based.
        public var row: Int
        public var column: Int
    }

    /// The bytes of one part of the package, for example `xl/worksheets/sheet2.xml`.
    public static func part(_ name: String, of file: URL) throws -> Data {
        let result = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/unzip"), ["-p", file.path, name])
        guard result.status == 0 else { throw ReadError(description: "unzip \(name): \(result.stderr)") }
        return Data(result.stdout.utf8)
    }

    /// Every cell of a sheet part, in document order; shared strings (`t="s"`) are resolved
    /// to their text, so callers see the same values whichever way the writer stored them.
    public static func cells(_ sheetPart: String, of file: URL) throws -> [Cell] {
        let delegate = SheetDelegate()
        let parser = XMLParser(data: try part(sheetPart, of: file))
        parser.delegate = delegate
        guard parser.parse() else { throw ReadError(description: "\(sheetPart) is not well-formed XML") }
        guard delegate.cells.contains(where: { $0.type == "s" }) else { return delegate.cells }
        let strings = try sharedStrings(of: file)
        return delegate.cells.map { cell in
            guard cell.type == "s", let index = Int(cell.value), index < strings.count else { return cell }
            var resolved = cell
            resolved.value = strings[index]
            return resolved
        }
    }

    /// `xl/sharedStrings.xml`: each `<si>`'s text runs joined.
    static func sharedStrings(of file: URL) throws -> [String] {
        let delegate = SharedStringsDelegate()
        let parser = XMLParser(data: try part("xl/sharedStrings.xml", of: file))
        parser.delegate = delegate
        guard parser.parse() else { throw ReadError(description: "sharedStrings.xml is not well-formed XML") }
        return delegate.strings
    }

    private final class SharedStringsDelegate: NSObject, XMLParserDelegate {
        var strings: [String] = []
        private var current = ""
        private var inText = false
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if name == "si" { current = "" }
            if name == "t" { inText = true }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "t" { inText = false }
            if name == "si" { strings.append(current) }
        }
    }

    /// Undoes OOXML's `_xHHHH_` escapes, as Excel and LibreOffice do when they read a string.
    public static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = ""
        var rest = text[...]
        while let start = rest.range(of: "_x") {
            out += rest[..<start.lowerBound]
            let hex = rest[start.upperBound...].prefix(5)
            if hex.count == 5, hex.last == "_", let value = UInt32(hex.prefix(4), radix: 16), let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
                rest = rest[rest.index(start.upperBound, offsetBy: 5)...]
            } else {
                out += "_x"
                rest = rest[start.upperBound...]
            }
        }
        return out + rest
    }

    public struct ReadError: Error, CustomStringConvertible { public let description: String }

    private final class SheetDelegate: NSObject, XMLParserDelegate {
        var cells: [Cell] = []
        private var current: Cell?
        private var text = ""
        private var inFormula = false

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch name {
            case "c":
                let reference = attributes["r"] ?? ""
                let letters = reference.prefix { $0.isLetter }
                let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
                current = Cell(
                    reference: reference, type: attributes["t"], style: attributes["s"], formula: nil, value: "",
                    row: Int(reference.dropFirst(letters.count)) ?? 0, column: column)
            case "f":
                inFormula = true
                text = ""
            case "v", "t": text = ""
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "f":
                current?.formula = text
                inFormula = false
            case "v": current?.value = text
            case "t": current?.value += text
            case "c":
                if let cell = current { cells.append(cell) }
                current = nil
            default: break
            }
        }
    }
}
