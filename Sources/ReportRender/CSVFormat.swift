/// RFC 4180 fields, with the OWASP guard against CSV injection.
///
/// A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, TAB or CR as a formula.
/// Job names come from whoever can create a job, so by default such text cells get a leading
/// apostrophe, which spreadsheets show as text; `formulaGuard: false` writes them verbatim.
public struct CSVFormat: Sendable {
    /// Whether text cells that a spreadsheet would run get a leading `'`.
    public var formulaGuard: Bool

    public init(formulaGuard: Bool = true) { self.formulaGuard = formulaGuard }

    /// Characters that make a spreadsheet treat a cell as a formula.
    public static let formulaTriggers: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]  // = + - @ TAB CR

    /// Appends one field: guarded if it is text, quoted if it holds a comma, quote, CR or LF.
    public func append(_ cell: CellValue, to line: inout [UInt8]) {
        switch cell {
        case .text(let text): appendText(text, guarded: formulaGuard, to: &line)
        default: appendText(cell.plainText, guarded: false, to: &line)
        }
    }

    /// Appends the fields of one record, comma-separated (the record's end is the caller's).
    public func append(fields: some Sequence<CellValue>, to line: inout [UInt8]) {
        var first = true
        for cell in fields {
            if !first { line.append(0x2C) }
            first = false
            append(cell, to: &line)
        }
    }

    /// Appends one text field.
    public func appendText(_ text: String, guarded: Bool, to line: inout [UInt8]) {
        let utf8 = text.utf8
        let needsGuard = guarded && utf8.first.map(Self.formulaTriggers.contains) == true
        let needsQuotes = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        if needsQuotes { line.append(0x22) }
        if needsGuard { line.append(0x27) }
        if needsQuotes {
            for byte in utf8 {
                if byte == 0x22 { line.append(0x22) }
                line.append(byte)
            }
            line.append(0x22)
        } else {
            line.append(contentsOf: utf8)
        }
    }

    /// Ends a record with CRLF, as RFC 4180 asks.
    public static func endRecord(_ line: inout [UInt8]) {
        line.append(0x0D)
        line.append(0x0A)
    }
}
