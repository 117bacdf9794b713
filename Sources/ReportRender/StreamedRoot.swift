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

    init?(text: String, into library: inout MustacheLibrary) {
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
        let before = String(text[..<start.lowerBound])
        // The rows keep their section, so each chunk renders exactly as the whole list would:
        // the same context stack, the page's values behind each row's.
        let row = pragma + text[start.lowerBound..<end.upperBound]
        let after = pragma + text[end.upperBound...]
        guard let b = try? MustacheTemplate(string: before), let r = try? MustacheTemplate(string: row),
            let a = try? MustacheTemplate(string: after)
        else { return nil }
        library.register(b, named: Self.before)
        library.register(r, named: Self.row)
        library.register(a, named: Self.after)
    }
}
