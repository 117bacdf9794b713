/// The parts of an HTTP request that Signature Version 4 reads.
///
/// `path` is the path exactly as it goes on the wire (already percent-encoded, as a client
/// sends it or a server receives it); `query` holds decoded names and values. Headers keep
/// their order and repeats, because SigV4 joins repeated headers in order.
public struct SigningRequest: Sendable {
    /// The HTTP method, in any case (it is upper-cased when signed).
    public var method: String
    /// The path as on the wire, percent-encoded, without the query; an empty path signs as `/`.
    public var path: String
    /// Decoded name-value pairs in any order (signing sorts them); repeated names are kept.
    public var query: [(name: String, value: String)]
    /// Every header, names in any case, in order with repeats; which ones are signed is the signer's choice.
    public var headers: [(name: String, value: String)]
    /// The body's SHA-256 in lowercase hex (see ``SigV4/payloadHash(_:)``).
    public var payloadHash: String

    /// No query, no headers and the hash of an empty body unless given, as for a request without a body.
    public init(
        method: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], payloadHash: String = SigV4.emptyPayloadHash
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// Splits a raw query string (`a=1&b=%20`) into decoded pairs.
    public static func parseQuery(_ raw: String) -> [(name: String, value: String)] {
        guard !raw.isEmpty else { return [] }
        return raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = SigV4.percentDecode(String(parts[0]))
            let value = parts.count > 1 ? SigV4.percentDecode(String(parts[1])) : ""
            return (name, value)
        }
    }
}
