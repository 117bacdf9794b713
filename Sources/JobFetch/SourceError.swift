/// A fatal problem reading jobs: the run stops, no report is written, and the message says
/// what to fix (which file, where in it).
public struct SourceError: Error, CustomStringConvertible, Sendable {
    /// One line for stderr.
    public let description: String

    public init(_ description: String) { self.description = description }
}
