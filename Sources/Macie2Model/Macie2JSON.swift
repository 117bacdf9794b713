import Foundation

/// JSON coders configured the way the Macie2 restJson1 protocol writes bodies.
///
/// Every module that reads or writes Macie2 JSON (samples, the live client, the emulator)
/// takes its coders from here, so timestamps are read and written one way.
public enum Macie2JSON {
    /// A decoder that accepts ISO-8601 timestamps with or without fractional seconds or an
    /// offset, and epoch seconds as a number (what some SDKs write).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                if let date = ISO8601Timestamp.parse(text) { return date }
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an ISO-8601 timestamp: \"\(text.prefix(64))\"")
            }
            return Date(timeIntervalSince1970: try container.decode(Double.self))
        }
        return decoder
    }

    /// An encoder that writes timestamps as the API does (milliseconds only when present).
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601Timestamp.formatPrecise(date))
        }
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
