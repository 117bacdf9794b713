import Foundation

/// One HTTP exchange, as the AWS client needs it: the request fully formed (and signed), the
/// response fully read. Behind a protocol so tests can script a transport.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

public struct HTTPRequest: Sendable {
    public var method: String
    /// Absolute URL, path already percent-encoded.
    public var url: URL
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The longest the whole exchange may take.
    public var timeout: TimeInterval

    public init(
        method: String, url: URL, headers: [(name: String, value: String)] = [], body: [UInt8] = [], timeout: TimeInterval = 30
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}

/// The request never got an answer: refused, reset, timed out, or an answer too large to read.
/// Worth a retry, except a TLS failure or an oversized answer, which would happen again.
public struct TransportError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable { case connect, timeout, connectionLost, tls, tooLarge, other }
    public var kind: Kind
    /// One line, already cleaned of anything a server sent.
    public var description: String
    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
