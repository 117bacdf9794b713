/// A fatal problem with the run's set-up (output directory, options): one line saying what to fix.
public struct PipelineError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
