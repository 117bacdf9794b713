import Foundation
import Logging
import Macie2Model
import StandardErrorOutput

/// stderr lines in one recognisable shape: `macie-report: error: ...` for people and log
/// scrapers, or with `--log-format json` one JSON object per line for log shippers. Every line
/// goes through `StandardErrorWriter.shared`, so none can follow a stop message.
enum Console {
    /// Set once, before the run starts, from `--log-format`.
    nonisolated(unsafe) static var json = false

    static func error(_ message: String) { write("error", message) }
    static func warning(_ message: String) { write("warning", message) }
    /// Only in JSON mode: a record of facts (counts, files) a log pipeline can index.
    static func info(_ message: String, _ fields: [String: Any]) {
        guard json else { return }
        write("info", message, fields: fields)
    }

    static func write(_ level: String, _ message: String, label: String = "macie-report", fields: [String: Any] = [:]) {
        StandardErrorWriter.shared.write(line(level, message, label: label, fields: fields))
    }

    /// One whole line, newline included, in the shape `--log-format` asks for.
    static func line(_ level: String, _ message: String, label: String = "macie-report", fields: [String: Any] = [:])
        -> String
    {
        if json {
            return JSONLine.make(level: level, label: label, message: message, fields: fields) + "\n"
        }
        return "macie-report: \(level): " + message.replacingOccurrences(of: "\n", with: " ") + "\n"
    }
}

/// One log record as a single line of JSON: `time`, `level`, `label`, `message`, then fields.
enum JSONLine {
    static func make(level: String, label: String, message: String, fields: [String: Any]) -> String {
        var record = fields
        record["time"] = ISO8601Timestamp.formatPrecise(Date())
        record["level"] = level
        record["label"] = label
        record["message"] = message
        guard JSONSerialization.isValidJSONObject(record),
            let data = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return #"{"level":"error","message":"unencodable log record"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}

/// swift-log's records (the live source's retries, credential steps) in the same JSON shape.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        Console.write(
            event.level.rawValue, "\(event.message)", label: label,
            fields: merged.mapValues { "\($0)" as Any })
    }
}
