/// A place in a text file as a person finds it in an editor: line and column, both from 1,
/// the column counted in characters (Unicode scalars), not bytes.
public struct TextPlace: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// "line 3, column 17"
    public var description: String { "line \(line), column \(column)" }

    /// Where the first byte that is not valid UTF-8 is, or `nil` if every byte is.
    ///
    /// Lines end at LF, CR LF or a lone CR, as editors count them. Used to say where a file
    /// that Foundation only calls "corrupted" is broken.
    public static func firstInvalidUTF8<Bytes: Collection<UInt8>>(in bytes: Bytes) -> TextPlace? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var place = TextPlace(line: 1, column: 1)
        var afterCR = false
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                let byte = scalar.count == 1 ? scalar.first : nil
                if byte == UInt8(ascii: "\r") || (byte == UInt8(ascii: "\n") && !afterCR) {
                    place.line += 1
                    place.column = 1
                } else if byte != UInt8(ascii: "\n") {
                    place.column += 1
                }
                afterCR = byte == UInt8(ascii: "\r")
            case .error:
                return place
            case .emptyInput:
                return nil
            }
        }
    }
}
