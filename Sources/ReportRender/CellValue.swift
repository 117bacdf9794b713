import Foundation
import Macie2Model

/// A typed cell, so each format can write it natively: CSV as text, XLSX as a real number or
/// date cell, HTML escaped.
public enum CellValue: Sendable, Hashable {
    case empty
    case text(String)
    case number(Double)
    case date(Date)

    /// The value as jobs.csv writes it: dates `2020-11-17T10:00:00Z`, whole numbers without `.0`.
    public var plainText: String {
        switch self {
        case .empty: return ""
        case .text(let text): return text
        case .number(let number): return Self.format(number)
        case .date(let date): return Self.format(date)
        }
    }

    /// `12` for 12.0, `1543.5` otherwise: the shortest text that reads back as the same double.
    public static func format(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 9.0e15 { return String(Int64(number)) }
        return "\(number)"
    }

    /// ISO-8601 UTC with whole seconds.
    public static func format(_ date: Date) -> String { ISO8601Timestamp.format(date) }
}

extension CellValue {
    init(_ text: String?) { self = text.map(CellValue.text) ?? .empty }
    init(_ number: Double?) { self = number.map(CellValue.number) ?? .empty }
    init(_ number: Int?) { self = number.map { CellValue.number(Double($0)) } ?? .empty }
    /// A count such as a finding count; exact up to 2^53, far beyond any real count.
    init(_ number: Int64?) { self = number.map { CellValue.number(Double($0)) } ?? .empty }
    init(_ date: Date?) { self = date.map(CellValue.date) ?? .empty }
}
