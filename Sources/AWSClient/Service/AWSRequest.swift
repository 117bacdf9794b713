import AWSSigV4
import Foundation

/// One operation's request, before it is addressed and signed: what the service model says
/// the operation sends. Build it with the constructor for the service's protocol.
public struct AWSRequest: Sendable {
    /// The model's operation name, for messages, logs and the JSON protocol's target.
    public var operation: String
    /// The HTTP method from the operation's `http` trait (`GET`, `POST`).
    public var method: String
    /// The path after the endpoint's own path, already percent-encoded (`/jobs/abc`).
    public var path: String
    /// The query string's name-value pairs, decoded (`onlyAssociated=true`): they are
    /// percent-encoded once, the same way for the URL and the signature, when the request is sent.
    public var query: [(name: String, value: String)]
    /// What the protocol needs (`Content-Type`, `X-Amz-Target`); `Host`, `User-Agent` and the signature's
    /// headers are added when it is sent.
    public var headers: [(name: String, value: String)]
    /// The body, sent and hashed for the signature as is; empty for none.
    public var body: [UInt8]
    /// Put before the endpoint's host (`bucket.` for S3's virtual-hosted addressing); `nil` for none.
    public var hostPrefix: String?

    init(
        operation: String, method: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)], body: [UInt8]
    ) {
        self.operation = operation
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// A `rest-json` request: method and path from the operation's `http` trait, members bound
    /// to the query string (`location: querystring`) in `query`, a JSON body (none for a GET).
    /// Put labels into `path` with ``pathLabel(_:)``.
    public static func restJSON(
        _ operation: String, method: String, path: String, query: [(name: String, value: String)] = [], json: [UInt8]? = nil
    ) -> AWSRequest {
        AWSRequest(
            operation: operation, method: method, path: path, query: query,
            headers: json == nil ? [] : [("Content-Type", "application/json")], body: json ?? [])
    }

    /// A `rest-xml` request (S3): method, path and query from the operation's `http` trait,
    /// members bound to headers in `headers`, the body as bytes (an object, or an XML document).
    public static func restXML(
        _ operation: String, method: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: [UInt8] = [], hostPrefix: String? = nil
    ) -> AWSRequest {
        var request = AWSRequest(operation: operation, method: method, path: path, query: query, headers: headers, body: body)
        request.hostPrefix = hostPrefix
        return request
    }

    /// A `json` 1.1 request to `POST /`.
    public static func json(_ operation: String, targetPrefix: String, json: [UInt8]) -> AWSRequest {
        AWSRequest(
            operation: operation, method: "POST", path: "/",
            headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "\(targetPrefix).\(operation)")],
            body: json)
    }

    /// A `query` request: `Action`, `Version` and the parameters as a form body to `POST /`.
    public static func query(_ operation: String, apiVersion: String, parameters: [(String, String)]) -> AWSRequest {
        let pairs = [("Action", operation), ("Version", apiVersion)] + parameters
        let form = pairs.map { "\(SigV4.percentEncode($0.0, keepSlash: false))=\(SigV4.percentEncode($0.1, keepSlash: false))" }
            .joined(separator: "&")
        return AWSRequest(
            operation: operation, method: "POST", path: "/",
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: Array(form.utf8))
    }

    /// A path label's value, encoded so it stays one segment. `nil` for a value that would
    /// change the path's meaning instead (empty, `.` or `..`, which a server or proxy would
    /// resolve against the path): such a value never goes into a URL.
    public static func pathLabel(_ value: String) -> String? {
        guard !value.isEmpty, value != ".", value != ".." else { return nil }
        return SigV4.percentEncode(value, keepSlash: false)
    }
}
