import Foundation

/// Turns a `DecodingError` into the place a person would look: the job's index in the
/// array, its jobId when it has one, the member path, and for bad JSON the line and column.
enum SampleErrorDescription {
    static func describe(_ error: DecodingError, in data: Data) -> String {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let bytes = [UInt8](data)
            if let syntax = JSONSyntaxLocator.firstError(in: bytes) { return "malformed JSON at \(syntax)" }
            return "malformed JSON: \(context.debugDescription)"
        case .typeMismatch(_, let context) where context.codingPath.isEmpty:
            return "expected a JSON array of DescribeClassificationJob responses at the top level"
        case .typeMismatch(let type, let context):
            return "\(place(context.codingPath, data)): expected \(typeName(type)); \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            return "\(place(context.codingPath, data)): expected \(typeName(type)), found null"
        case .keyNotFound(let key, let context):
            return "\(place(context.codingPath + [key], data)): required member missing"
        case .dataCorrupted(let context):
            return "\(place(context.codingPath, data)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    /// "job [3] (jobId abc…), member statistics.numberOfRuns"
    private static func place(_ path: [any CodingKey], _ data: Data) -> String {
        guard let first = path.first, let index = first.intValue else {
            return "member \(memberPath(path[...]))"
        }
        var text = "job [\(index)]"
        if let id = jobId(at: index, in: data) { text += " (jobId \(id))" }
        if path.count > 1 { text += ", member \(memberPath(path.dropFirst()))" }
        return text
    }

    private static func memberPath(_ path: ArraySlice<any CodingKey>) -> String {
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
    private static func jobId(at index: Int, in data: Data) -> String? {
        guard let array = try? JSONSerialization.jsonObject(with: data) as? [Any], index < array.count,
            let object = array[index] as? [String: Any], let id = object["jobId"] as? String
        else { return nil }
        return String(id.prefix(64))
    }
}
