import FileInput
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
    public static func builtIn() throws(RenderError) -> TemplateLibrary {
        try TemplateLibrary(templates: embeddedSources())
    }

    /// The built-in templates, then every `*.mustache` in `directory` under its file name
    /// (without the extension), so a user can replace one partial or the whole report.
    ///
    /// Each file must be a regular UTF-8 file under ``fileSizeLimit``; a FIFO, a device, a
    /// link loop or a huge file is refused with its true cause, never read for ever.
    public static func withOverrides(from directory: URL) throws(RenderError) -> TemplateLibrary {
        var sources = embeddedSources()
        let names: [String]
        do {
            try UserFile.checkDirectory(directory.path, what: "templates directory")
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch let error as FileInputError {
            throw .template(error.description, cause: error)
        } catch {
            throw .template("cannot list templates directory \(directory.path): \(error.localizedDescription)", cause: error)
        }
        let templates = names.filter { $0.hasSuffix(".mustache") }.sorted()
        guard !templates.isEmpty else { throw .template("no .mustache files in templates directory \(directory.path)") }
        for name in templates {
            let path = directory.appendingPathComponent(name).path
            do {
                sources[String(name.dropLast(".mustache".count))] = (
                    try UserFile.readText(path, what: "template", limit: fileSizeLimit), path
                )
            } catch {
                throw .template(error.description, cause: error)
            }
        }
        return try TemplateLibrary(templates: sources)
    }

    /// A template is a few KB; a file past this is not one (and parsing it would take long).
    public static let fileSizeLimit = 1 << 20

    /// How deep sections and partial calls may nest, counted together. The built-in report
    /// goes about a dozen levels deep; each level costs the renderer a few KB of stack,
    /// and past a few thousand the thread's stack runs out (SIGSEGV).
    public static let nestingLimit = 100

    /// The names of the embedded templates, for `--help` and tests.
    public static var embeddedNames: [String] { EmbeddedTemplates.base64.keys.sorted() }

    /// The text of one embedded template.
    public static func embeddedText(_ name: String) -> String? {
        EmbeddedTemplates.base64[name].flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    private static func embeddedSources() -> [String: (text: String, origin: String)] {
        var sources: [String: (text: String, origin: String)] = [:]
        for name in embeddedNames {
            sources[name] = (embeddedText(name)!, "built-in template \(name).mustache")
        }
        return sources
    }

    /// Checks the set (every template scanned, the partials' graph walked) before any
    /// template reaches swift-mustache's recursive parser, then parses and registers them.
    private init(templates: [String: (text: String, origin: String)]) throws(RenderError) {
        HTMLEscaping.register
        guard let root = templates[Self.rootTemplate] else { throw .template("no \(Self.rootTemplate).mustache template") }
        var nodes: [String: TemplateGraph.Node] = [:]
        for (name, source) in templates {
            do {
                nodes[name] = .init(
                    outline: try TemplateOutline.scan(source.text, limit: Self.nestingLimit), origin: source.origin)
            } catch {
                throw .template("\(source.origin): \(error.place): \(error.message)", cause: error)
            }
        }
        // The streamed parts are templates too, and could be named in a partial tag.
        let parts = StreamedRoot.parts(of: root.text)?.compactMap { part -> (String, String, TemplateOutline)? in
            guard let outline = try? TemplateOutline.scan(part.text, limit: Self.nestingLimit) else { return nil }
            return (part.name, part.text, outline)
        }
        let streamable = parts?.count == 3 ? parts : nil
        for (name, _, outline) in streamable ?? [] {
            nodes[name] = .init(outline: outline, origin: "\(root.origin) (the part \(name))")
        }
        try TemplateGraph.check(nodes, limit: Self.nestingLimit)
        var library = MustacheLibrary()
        for (name, source) in templates {
            do {
                library.register(try MustacheTemplate(string: source.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw .template(
                    "\(source.origin): line \(error.context.lineNumber), column \(error.context.columnNumber): \(error.error)",
                    cause: error)
            } catch {
                throw .template("\(source.origin): \(error)", cause: error)
            }
        }
        streamed = streamable.flatMap { parts in StreamedRoot(parts: parts.map { ($0.0, $0.1) }, into: &library) }
        self.library = library
    }

    /// Renders the root template with a view.
    func render(_ view: [String: Any]) -> String {
        library.render(view, withTemplate: Self.rootTemplate) ?? ""
    }

    /// Renders the page in parts: before the jobs, the jobs `chunk` at a time, after.
    func writeStreamed(
        _ view: [String: Any], records: [JobRecord], accountNames: [String: String] = [:], to sink: FileSink, chunk: Int = 2_000
    ) throws {
        try sink.write(library.render(view, withTemplate: StreamedRoot.before) ?? "")
        var page = view
        var start = 0
        repeat {
            let end = min(start + chunk, records.count)
            page["jobs"] = JobRows(records: Array(records[start..<end]), accountNames: accountNames)
            try sink.write(library.render(page, withTemplate: StreamedRoot.row) ?? "")
            start = end
        } while start < records.count
        try sink.write(library.render(view, withTemplate: StreamedRoot.after) ?? "")
    }

    /// Renders the page in one piece, with any view: for tests of escaping, overrides and
    /// the streamed page.
    public func renderWhole(_ view: [String: Any]) -> String { render(view) }
}
