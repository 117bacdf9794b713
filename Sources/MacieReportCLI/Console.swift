import Foundation

/// stderr lines in one recognisable shape, `macie-report: error: ...`, for people and log scrapers.
enum Console {
    static func error(_ message: String) { write("error", message) }
    static func warning(_ message: String) { write("warning", message) }

    private static func write(_ level: String, _ message: String) {
        let oneLine = message.replacingOccurrences(of: "\n", with: " ")
        FileHandle.standardError.write(Data("macie-report: \(level): \(oneLine)\n".utf8))
    }
}
