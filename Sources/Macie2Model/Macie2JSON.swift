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
            let seconds = try container.decode(Double.self)
            // Years 0001 to 9999, what an ISO-8601 timestamp can say: NaN, infinity or 1e300
            // would be a date no report can print.
            guard seconds.isFinite, (-62_135_596_800...253_402_300_799).contains(seconds) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "epoch seconds \(seconds) are outside the years 0001-9999")
            }
            return Date(timeIntervalSince1970: seconds)
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
