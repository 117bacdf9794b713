import FileInput

/// A template's shape, read from its text without swift-mustache's parser: how deep its
/// sections nest, and which partials it includes where.
///
/// swift-mustache parses and renders by recursion, one level per section and per partial,
/// and has no limit: a template nesting ten thousand sections, or including itself, runs
/// the thread out of stack (SIGSEGV, no message, temporary files left). This scanner is a
/// loop with its own stack, so it can measure any text and refuse it before the parser
/// sees it. It follows the parser's grammar for tags (delimiter changes scoped to their
/// section, `{{{…}}}`, comments, `{{% … }}`), so that the depth it measures is the depth the
/// parser would reach; a tag it cannot read is refused here, with its place.
struct TemplateOutline: Sendable {
    /// A partial included by name: `{{> name}}`, or `{{< name}}` (a parent, with blocks).
    struct Include: Sendable {
        var name: String
        var isParent: Bool
        var place: TextPlace
    }

    /// Why a template cannot be used, and where.
    struct Problem: Error {
        var place: TextPlace
        var message: String
    }

    /// The deepest nesting of sections (`#`, `^`, `$`, `<`) in the text.
    private(set) var depth = 0
    private(set) var includes: [Include] = []

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialCharacters = nameCharacters.union(["/"])
    private static let valueCharacters = nameCharacters.subtracting(["(", ")"])

    /// Reads `text`; throws when a tag is malformed, a section is left open or closed
    /// wrongly, sections nest deeper than `limit`, a partial's name comes from the data
    /// (`{{>*name}}`), which no check before rendering could follow, or a section is closed
    /// after a one-character delimiter (which traps swift-mustache's parser).
    static func scan(_ text: String, limit: Int) throws(Problem) -> TemplateOutline {
        var scanner = Scanner(Array(text), limit: limit)
        try scanner.run()
        return scanner.outline
    }

    /// One pass over the characters, as the parser reads them (Characters, not bytes).
    private struct Scanner {
        let text: [Character]
        let limit: Int
        var i = 0
        /// Where the tag being read starts (its opening delimiter), for messages.
        var tagStart = 0
        var open = ["{", "{"] as [Character]
        var close = ["}", "}"] as [Character]
        /// Open sections: name, where, and the delimiters to go back to when they close.
        var sections: [(name: String, at: Int, open: [Character], close: [Character], isParent: Bool)] = []
        var outline = TemplateOutline()

        init(_ text: [Character], limit: Int) {
            self.text = text
            self.limit = limit
        }

        mutating func run() throws(Problem) {
            while let start = try find(open, from: i) {
                i = start + open.count
                guard i < text.count else { break }
                // The parser takes an opening delimiter right before a line break as text
                // and drops it; the line break is read as text too.
                if text[i].isNewline { continue }
                if let parent = sections.last, parent.isParent, !"$!=/".contains(text[i]) {
                    throw fail(at: start, "only {{$block}} sections can be inside {{<\(parent.name)}}")
                }
                tagStart = start
                try tag(startingAt: start)
            }
            if let last = sections.last {
                throw fail(at: last.at, "{{#\(last.name)}} is never closed; add {{/\(last.name)}}")
            }
        }

        /// Reads one tag; `i` is just past its opening delimiter.
        mutating func tag(startingAt start: Int) throws(Problem) {
            let kind = text[i]
            switch kind {
            case "#", "^", "$":
                i += 1
                try push(try name(), at: start, isParent: false)
            case "/":
                // swift-mustache finds a section's text by stepping back two characters from
                // the closing tag's `/`: after a one-character delimiter that can step before
                // the section's start, and the parser traps (Range requires lowerBound <= upperBound).
                guard open.count >= 2 else {
                    throw fail(
                        at: start, "a section cannot be closed after a one-character delimiter; set two or more, like {{=<% %>=}}"
                    )
                }
                i += 1
                let name = try name()
                guard let section = sections.popLast() else {
                    throw fail(at: start, "{{/\(name)}} closes a section that was never opened")
                }
                guard section.name == name else {
                    throw fail(
                        at: start,
                        "{{/\(name)}} closes {{#\(section.name)}} (\(place(section.at))); close it with {{/\(section.name)}}")
                }
                (open, close) = (section.open, section.close)
            case "!":
                i += 1
                while i < text.count && !matches(close, at: i) { i += 1 }
                guard i < text.count else { throw fail(at: start, "a comment is never closed") }
                i += close.count
            case "{":
                i += 1
                _ = try name()
                guard i < text.count, text[i] == "}" else { throw fail(at: start, "{{{ is not closed with }}}") }
                i += 1
            case "&":
                i += 1
                _ = try name()
            case ">", "<":
                i += 1
                skipSpace()
                let dynamic = i < text.count && text[i] == "*"
                if dynamic { i += 1 }
                let name = try read(TemplateOutline.partialCharacters, start: start)
                if dynamic || name.hasPrefix("*") {
                    throw fail(
                        at: start,
                        "{{\(kind)*…}} takes the partial's name from the data, which cannot be checked; name the partial")
                }
                outline.includes.append(Include(name: name, isParent: kind == "<", place: place(start)))
                if kind == "<" { try push(name, at: start, isParent: true) }
            case "=":
                i += 1
                try setDelimiters(start)
            case "%":
                i += 1
                skipSpace()
                _ = read(while: TemplateOutline.valueCharacters)
                skipSpace()
                guard i < text.count, text[i] == ":" else { throw fail(at: start, "expected {{% NAME: VALUE }}") }
                i += 1
                _ = try read(TemplateOutline.valueCharacters, start: start)
            default:
                _ = try name()
            }
        }

        mutating func push(_ name: String, at start: Int, isParent: Bool) throws(Problem) {
            sections.append((name, start, open, close, isParent))
            outline.depth = max(outline.depth, sections.count)
            guard sections.count <= limit else {
                throw fail(at: start, "sections nest more than \(limit) deep here; flatten the template")
            }
        }

        /// `{{=<% %>=}}`: new delimiters, for the rest of the enclosing section.
        mutating func setDelimiters(_ start: Int) throws(Problem) {
            skipSpace()
            let newOpen = read { !$0.isWhitespace }
            skipSpace()
            let newClose = read { !$0.isWhitespace && $0 != "=" }
            skipSpace()
            guard !newOpen.isEmpty, !newClose.isEmpty, i < text.count, text[i] == "=" else {
                throw fail(at: start, "expected {{=OPEN CLOSE=}} to set delimiters")
            }
            i += 1
            try expectClose(start)
            (open, close) = (newOpen, newClose)
        }

        /// A tag's name (`name`, `a.b`, `transform(name)`) and its closing delimiter.
        mutating func name() throws(Problem) -> String { try read(TemplateOutline.nameCharacters, start: tagStart) }

        /// Space, characters from `allowed`, space, the closing delimiter.
        mutating func read(_ allowed: Set<Character>, start: Int) throws(Problem) -> String {
            skipSpace()
            let name = String(read(while: allowed))
            skipSpace()
            try expectClose(start)
            return name
        }

        mutating func expectClose(_ start: Int) throws(Problem) {
            guard matches(close, at: i) else { throw fail(at: start, "the tag is not closed with \(String(close))") }
            i += close.count
        }

        mutating func skipSpace() { _ = read { $0.isWhitespace } }

        mutating func read(while allowed: Set<Character>) -> [Character] { read { allowed.contains($0) } }

        mutating func read(while accept: (Character) -> Bool) -> [Character] {
            let start = i
            while i < text.count && accept(text[i]) { i += 1 }
            return Array(text[start..<i])
        }

        func matches(_ delimiter: [Character], at index: Int) -> Bool {
            index + delimiter.count <= text.count && text[index..<(index + delimiter.count)].elementsEqual(delimiter)
        }

        /// The next opening delimiter. The text ending in the middle of one (`…{` for `{{`)
        /// is an error, as it is to the parser.
        func find(_ delimiter: [Character], from index: Int) throws(Problem) -> Int? {
            guard !delimiter.isEmpty, index < text.count else { return nil }
            for position in index..<text.count where text[position] == delimiter[0] {
                guard position + delimiter.count <= text.count else {
                    throw fail(at: position, "the text ends inside \(String(delimiter))")
                }
                if matches(delimiter, at: position) { return position }
            }
            return nil
        }

        /// Line and column of `index`, lines ended as the parser ends them (LF, CR LF).
        func place(_ index: Int) -> TextPlace {
            var place = TextPlace(line: 1, column: 1)
            for character in text[..<min(index, text.count)] {
                if character.isNewline {
                    place.line += 1
                    place.column = 1
                } else {
                    place.column += 1
                }
            }
            return place
        }

        func fail(at index: Int, _ message: String) -> Problem { Problem(place: place(index), message: message) }
    }
}
