import Foundation

/// What happened, for tests: requests by operation, faults by kind, refused signatures.
public struct EmulatorCounters: Codable, Sendable, Equatable {
    public var requests: [String: Int] = [:]
    public var faults: [String: Int] = [:]
    public var signatureFailures = 0
    public var validationErrors = 0
}
