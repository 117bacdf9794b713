/// The history file cannot be used: one line naming the file and what to do about it.
public struct HistoryError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
