import Foundation

/// A request as the server received it: the path still percent-encoded, as SigV4 signs it.
public struct EmulatorRequest: Sendable {
    public var method: String
    public var path: String
    public var query: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

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
    public var status: Int
    public var headers: [(name: String, value: String)]
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
