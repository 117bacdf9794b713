import Foundation

/// What a child process printed: the first ``limit`` bytes kept, the rest counted and dropped.
///
/// A child's output must be read to the end, or a child that writes more than a pipe holds
/// blocks for ever; but a sendmail that wrote 400 MB of errors took the run to 2.4 GB when
/// all of it was kept. The first few KB say what went wrong.
public struct CappedOutput: Sendable {
    /// How many bytes are kept.
    public let limit: Int
    /// The first ``limit`` bytes.
    public private(set) var kept: [UInt8] = []
    /// Every byte read, kept or not.
    public private(set) var total = 0

    /// Keeps at most `limit` bytes, 4 KB by default.
    public init(limit: Int = 4096) { self.limit = limit }

    /// Counts every byte in ``total`` and keeps those that still fit under ``limit``; the rest are dropped.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        total += bytes.count
        let room = limit - kept.count
        if room > 0 { kept.append(contentsOf: bytes.prefix(room)) }
    }

    /// The first non-empty line, control characters dropped and cut to `length` characters:
    /// what a one-line error can quote.
    public func firstLine(length: Int = 300) -> String {
        let text = String(decoding: kept, as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).first else { return "" }
        let clean = String(String.UnicodeScalarView(line.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        let trimmed = clean.trimmingCharacters(in: .whitespaces)
        return trimmed.count > length ? trimmed.prefix(length) + "…" : trimmed
    }
}
