import Foundation
import JobTransform
import Mustache

/// The Mustache templates a report is rendered with: the ones embedded from `templates/` at
/// build time, with any from a user's folder (`--templates DIR`) replacing them by name.
public struct TemplateLibrary: Sendable {
    /// The template that renders report.html; the others are its partials.
    public static let rootTemplate = "report"

    let library: MustacheLibrary
    /// The root template cut around its `{{#jobs}}` section, when it can be, so the jobs can
    /// be rendered and written a chunk at a time (see ``StreamedRoot``).
    let streamed: StreamedRoot?

    /// The built-in templates. They are parsed from text compiled into the binary, so a
    /// failure here is a build defect, reported like any other render error.
    public static func builtIn() throws -> TemplateLibrary {
        try TemplateLibrary(templates: embeddedSources())
    }

    /// The built-in templates, then every `*.mustache` in `directory` under its file name
    /// (without the extension), so a user can replace one partial or the whole report.
    public static func withOverrides(from directory: URL) throws -> TemplateLibrary {
        var sources = try embeddedSources()
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw RenderError.template(
                "cannot read templates directory \(directory.path): \(error.localizedDescription)", cause: error)
        }
        let templates = names.filter { $0.hasSuffix(".mustache") }.sorted()
        guard !templates.isEmpty else {
            throw RenderError.template("no .mustache files in templates directory \(directory.path)")
        }
        for name in templates {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                throw RenderError.template("cannot read template \(url.path) as UTF-8 text")
            }
            sources[String(name.dropLast(".mustache".count))] = (text, url.path)
        }
        return try TemplateLibrary(templates: sources)
    }

    /// The names of the embedded templates, for `--help` and tests.
    public static var embeddedNames: [String] { EmbeddedTemplates.base64.keys.sorted() }

    /// The text of one embedded template.
    public static func embeddedText(_ name: String) -> String? {
        EmbeddedTemplates.base64[name].flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    private static func embeddedSources() throws -> [String: (text: String, origin: String)] {
        var sources: [String: (text: String, origin: String)] = [:]
        for name in embeddedNames {
            sources[name] = (embeddedText(name)!, "built-in template \(name).mustache")
        }
        return sources
    }

    private init(templates: [String: (text: String, origin: String)]) throws {
        HTMLEscaping.register
        var library = MustacheLibrary()
        for (name, source) in templates {
            do {
                library.register(try MustacheTemplate(string: source.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw RenderError.template(
                    "\(source.origin): line \(error.context.lineNumber), column \(error.context.columnNumber): \(error.error)",
                    cause: error)
            } catch {
                throw RenderError.template("\(source.origin): \(error)", cause: error)
            }
        }
        guard library.getTemplate(named: Self.rootTemplate) != nil else {
            throw RenderError.template("no \(Self.rootTemplate).mustache template")
        }
        streamed = templates[Self.rootTemplate].flatMap { StreamedRoot(text: $0.text, into: &library) }
        self.library = library
    }

    /// Renders the root template with a view.
    func render(_ view: [String: Any]) -> String {
        library.render(view, withTemplate: Self.rootTemplate) ?? ""
    }

    /// Renders the page in parts: before the jobs, the jobs `chunk` at a time, after.
    func writeStreamed(_ view: [String: Any], records: [JobRecord], to sink: FileSink, chunk: Int = 2_000) throws {
        try sink.write(library.render(view, withTemplate: StreamedRoot.before) ?? "")
        var page = view
        var start = 0
        repeat {
            let end = min(start + chunk, records.count)
            page["jobs"] = JobRows(records: Array(records[start..<end]))
            try sink.write(library.render(page, withTemplate: StreamedRoot.row) ?? "")
            start = end
        } while start < records.count
        try sink.write(library.render(view, withTemplate: StreamedRoot.after) ?? "")
    }

    /// Renders the page in one piece, with any view: for tests of escaping, overrides and
    /// the streamed page.
    public func renderWhole(_ view: [String: Any]) -> String { render(view) }
}
