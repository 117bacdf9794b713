/// The subject line, written with `{name}` placeholders for the run's counts.
///
/// Parsed when the options are read, so a misspelt placeholder is a usage error before the
/// walk rather than a literal `{erorrs}` in everyone's inbox. `{{` and `}}` stand for
/// literal braces.
public struct SubjectTemplate: Sendable, Equatable {
    /// Every placeholder a template may use, with what the caller puts in it.
    public static let placeholders: [(name: String, meaning: String)] = [
        ("date", "the report's as-of date, yyyy-MM-dd (UTC)"),
        ("jobs", "jobs in the report"),
        ("errors", "jobs whose last run reported ERROR"),
        ("attention", "jobs needing attention"),
        ("expiring", "user-paused jobs Macie cancels within the expiry window"),
        ("paused", "jobs paused by Macie (quota)"),
        ("new", "jobs not in the previous run"),
        ("removed", "jobs of the previous run that are gone"),
        ("changed", "jobs whose status changed since the previous run"),
        ("recovered", "jobs whose last run no longer reports ERROR"),
        ("newErrors", "jobs whose last run newly reports ERROR"),
        ("macieOff", "account-regions where Macie is not enabled"),
        ("notReached", "accounts not reached (their role could not be assumed)"),
    ]

    /// `Macie jobs 2026-11-24: 3 ERROR, 2 expiring, 1 new`.
    public static let defaultText = "Macie jobs {date}: {errors} ERROR, {expiring} expiring, {new} new"

    private enum Piece: Equatable, Sendable {
        case literal(String)
        case placeholder(String)
    }

    private let pieces: [Piece]
    /// The template as written.
    public let text: String

    /// Parses `text`; an unknown placeholder or an unpaired brace is a usage error that lists the known names.
    public init(_ text: String = SubjectTemplate.defaultText) throws(MailError) {
        let known = Set(Self.placeholders.map(\.name))
        var pieces: [Piece] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "{" || character == "}", next < text.endIndex, text[next] == character {
                literal.append(character)
                index = text.index(after: next)
                continue
            }
            if character == "}" { throw Self.unpaired(text) }
            guard character == "{" else {
                literal.append(character)
                index = next
                continue
            }
            guard let close = text[next...].firstIndex(of: "}") else { throw Self.unpaired(text) }
            let name = String(text[next..<close])
            guard known.contains(name) else {
                throw .usage(
                    "--mail-subject has an unknown placeholder {\(name)}; use \(Self.placeholders.map { "{\($0.name)}" }.joined(separator: " "))"
                )
            }
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
            pieces.append(.placeholder(name))
            index = text.index(after: close)
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
        self.text = text
    }

    /// The subject with each placeholder replaced by its value (empty when the caller gave none).
    public func render(_ values: [String: String]) -> String {
        pieces.map { piece in
            switch piece {
            case .literal(let text): return text
            case .placeholder(let name): return values[name] ?? ""
            }
        }.joined()
    }

    private static func unpaired(_ text: String) -> MailError {
        .usage(
            "--mail-subject \(MailError.printable(text)) has an unpaired brace; write {name} for a value and {{ or }} for a literal brace"
        )
    }
}
