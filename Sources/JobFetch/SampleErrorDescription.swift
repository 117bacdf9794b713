import FileInput
import Foundation

/// Turns a decoding failure into the place a person would look: the job's index in the
/// array, its jobId when it has one, the member path, and for bad JSON the line and column.
enum SampleErrorDescription {
    /// "malformed JSON at line L, column C: ..." for the whole file, or "invalid UTF-8 at
    /// line L, column C" (JSON is UTF-8; Foundation's decoder only calls such bytes corrupted).
    static func syntax(in file: Data) -> String {
        if let place = TextPlace.firstInvalidUTF8(in: file) { return "invalid UTF-8 at \(place); save the file as UTF-8" }
        if let place = JSONSyntaxLocator.firstError(in: [UInt8](file)) { return "malformed JSON at \(place)" }
        return "malformed JSON"
    }

    /// Describes an error decoding the job at `index`, whose bytes are `element`.
    static func describe(_ error: DecodingError, index: Int, element: Data, file: Data) -> String {
        let place = { (path: [any CodingKey]) in Self.place(index, path, element) }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return syntax(in: file)
        case .typeMismatch(let type, let context) where context.codingPath.isEmpty:
            return "\(place([])): expected \(typeName(type))"
        case .typeMismatch(let type, let context):
            return "\(place(context.codingPath)): expected \(typeName(type)); \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(place(context.codingPath)): expected \(typeName(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(place(context.codingPath + [key])): required member missing"
        case .dataCorrupted(let context):
            return "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "job [\(index)]: \(error)"
        }
    }

    /// "job [3] (jobId abc…), member statistics.numberOfRuns"
    private static func place(_ index: Int, _ path: [any CodingKey], _ element: Data) -> String {
        var text = "job [\(index)]"
        if let id = jobId(in: element) { text += " (jobId \(id))" }
        if !path.isEmpty { text += ", member \(memberPath(path))" }
        return text
    }

    private static func memberPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let i = key.intValue { text += "[\(i)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is Date.Type: return "an ISO-8601 timestamp"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a \(name) object"
        }
    }

    /// The failing job's id, read leniently so it can name the job even when its shape is wrong.
    private static func jobId(in element: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: element) as? [String: Any],
            let id = object["jobId"] as? String
        else { return nil }
        return String(id.prefix(64))
    }
}
