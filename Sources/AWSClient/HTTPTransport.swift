import Foundation

/// One HTTP exchange, as the AWS client needs it: the request fully formed (and signed), the
/// response fully read. Behind a protocol so tests can script a transport.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the whole answer, whatever its status; throws ``TransportError`` when no
    /// answer could be read. An implementation must hold the whole exchange to `request.timeout`.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// A request ready to go: addressed and signed, so a transport only moves the bytes.
public struct HTTPRequest: Sendable {
    /// The HTTP method, as signed.
    public var method: String
    /// Absolute URL, path already percent-encoded.
    public var url: URL
    /// Every header to send, `Host` and the signature included; a transport must not change the signed ones.
    public var headers: [(name: String, value: String)]
    /// The body exactly as hashed for the signature; empty for none.
    public var body: [UInt8]
    /// The longest the whole exchange may take.
    public var timeout: TimeInterval

    /// No headers, no body and a 30-second timeout unless given.
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

/// An answer read to the end, of any status: telling success from an error answer is the client's job.
public struct HTTPResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Headers as received, in order, repeats kept.
    public var headers: [(name: String, value: String)]
    /// The whole body; the real transport refuses one over 32 MB rather than return part of it.
    public var body: [UInt8]

    /// Empty headers and body unless given; for transports and scripted test answers.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name; `nil` when it is absent.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }
}

/// The request never got an answer: refused, reset, timed out, or an answer too large to read.
/// Worth a retry, except a TLS failure or an oversized answer, which would happen again.
public struct TransportError: Error, CustomStringConvertible, Sendable {
    /// `connect`: refused or unreachable; `timeout`: past the deadline; `connectionLost`: closed before the
    /// answer; `tls`: handshake or certificate; `tooLarge`: over the body cap; `other`: anything else.
    public enum Kind: Sendable { case connect, timeout, connectionLost, tls, tooLarge, other }
    /// What happened, for the retry decision: `tls` and `tooLarge` are not retried, `timeout` costs more quota.
    public var kind: Kind
    /// One line, already cleaned of anything a server sent.
    public var description: String
    /// `description` must already be one clean line (``ServerText/oneLine(_:limit:)`` for a server's text).
    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
