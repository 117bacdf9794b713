/// The values one Macie2 enum shape lists in the service model.
///
/// Kept apart from ``ModelEnum`` so each enum is a few lines: a definition type and a typealias.
public protocol ModelEnumDefinition: Sendable {
    /// The shape's name in `macie2-service-2.json`, used in diagnostics.
    static var shapeName: String { get }
    /// Every value the model lists, in the model's order (reports keep this order).
    static var knownValues: [String] { get }
}

/// A forward-compatible Macie2 enum value.
///
/// AWS adds enum values without notice (a new job status, a new selector). A Swift `enum`
/// would fail to decode the whole job; this keeps any string verbatim, so the report can
/// show it and say it is new, instead of losing the job.
public struct ModelEnum<Definition: ModelEnumDefinition>: RawRepresentable, Codable, Hashable, Sendable,
    Comparable, CustomStringConvertible
{
    /// The value exactly as the API sent it.
    public let rawValue: String

    /// Wraps any string; never fails, so unknown values survive decoding.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Whether the service model lists this value. Unknown values are reported, not dropped.
    public var isKnown: Bool { Definition.knownValues.contains(rawValue) }

    /// Every value the model lists, in the model's order.
    public static var allKnown: [Self] { Definition.knownValues.map(Self.init(rawValue:)) }

    /// The value as the API sent it, so a report shows an unknown value verbatim.
    public var description: String { rawValue }

    /// Known values sort in the model's order, unknown ones after them, alphabetically.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        let known = Definition.knownValues
        switch (known.firstIndex(of: lhs.rawValue), known.firstIndex(of: rhs.rawValue)) {
        case (let l?, let r?): return l < r
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return lhs.rawValue < rhs.rawValue
        }
    }
}
