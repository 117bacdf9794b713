import Foundation

/// A request as the server received it: the path still percent-encoded, as SigV4 signs it.
public struct EmulatorRequest: Sendable {
    /// The HTTP method as received.
    public var method: String
    /// The request target before any `?`, still percent-encoded, as SigV4 signs it.
    public var path: String
    /// The raw query string after the `?`, not decoded; empty when there is none.
    public var query: String
    /// Headers as received, in order, repeats kept (SigV4 joins repeats).
    public var headers: [(name: String, value: String)]
    /// The whole request body; empty for none.
    public var body: [UInt8]

    /// No query, headers or body unless given: for tests that call ``Macie2Service/handle(_:)`` directly.
    public init(
        method: String, path: String, query: String = "", headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// What to send back.
public struct EmulatorResponse: Sendable {
    /// The HTTP status to answer with.
    public var status: Int
    /// Headers to send; the server adds `Content-Length`, `x-amzn-RequestId` and `Connection`.
    public var headers: [(name: String, value: String)]
    /// The body to send: JSON for Macie2, XML for STS.
    public var body: [UInt8]

    /// A restJson1 error: `x-amzn-ErrorType` names the model's error shape, the body carries
    /// `message`, the status is the one the model gives the shape.
    static func error(_ type: String, _ status: Int, _ message: String) -> EmulatorResponse {
        let body = (try? JSONSerialization.data(withJSONObject: ["message": message], options: [.sortedKeys])) ?? Data()
        return EmulatorResponse(
            status: status, headers: [("Content-Type", "application/json"), ("x-amzn-ErrorType", type)], body: Array(body))
    }

    static func json(_ body: some Sequence<UInt8>) -> EmulatorResponse {
        EmulatorResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array(body))
    }
}

/// The emulator's decision for one request.
public enum EmulatorOutcome: Sendable {
    /// Answer after `delay` seconds.
    case respond(EmulatorResponse, delay: TimeInterval)
    /// Close the connection without answering, after `delay` seconds.
    case drop(delay: TimeInterval)
}
