import Mustache

/// The root template split at its one top-level `{{#jobs}}…{{/jobs}}` section: the text
/// before, the section itself (rendered for a chunk of jobs at a time), the text after.
///
/// Mustache renders a whole page into one string; for 100 000 jobs that string, its growth
/// and the copy into the page are over 100 MB at once. Cut this way, the page is written as
/// before-text, then rows a few thousand at a time, then after-text, and each row still sees
/// the page's values behind its own (the Mustache context stack). Templates that cannot be
/// cut cleanly (no such section, more than one, a section opened before it and closed after)
/// are rendered whole, as before.
struct StreamedRoot: Sendable {
    static let before = "__report-before-jobs"
    static let row = "__report-job-row"
    static let after = "__report-after-jobs"

    /// The three parts' names and texts, or `nil` when the text has no single `{{#jobs}}`
    /// section to cut at. The library checks them with the other templates (a part could
    /// include another by name) before ``init(parts:into:)`` registers them.
    static func parts(of text: String) -> [(name: String, text: String)]? {
        let open = "{{#jobs}}"
        let close = "{{/jobs}}"
        guard let start = text.range(of: open), let end = text.range(of: close, options: .backwards),
            start.upperBound <= end.lowerBound,
            text[start.upperBound..<end.lowerBound].range(of: open) == nil
        else { return nil }
        // A content-type pragma on the first line applies to every part.
        var pragma = ""
        if text.hasPrefix("{{%"), let line = text.range(of: "}}") {
            pragma = String(text[..<line.upperBound])
        }
        // The rows keep their section, so each chunk renders exactly as the whole list would:
        // the same context stack, the page's values behind each row's.
        return [
            (before, String(text[..<start.lowerBound])), (row, pragma + text[start.lowerBound..<end.upperBound]),
            (after, pragma + text[end.upperBound...]),
        ]
    }

    /// Registers the parts; `nil` (the page is rendered whole) if any does not parse.
    init?(parts: [(name: String, text: String)], into library: inout MustacheLibrary) {
        var parsed: [(String, MustacheTemplate)] = []
        for part in parts {
            guard let template = try? MustacheTemplate(string: part.text) else { return nil }
            parsed.append((part.name, template))
        }
        for (name, template) in parsed { library.register(template, named: name) }
    }
}
