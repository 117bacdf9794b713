import Crypto
import Foundation

/// AWS Signature Version 4: canonical request, string to sign, signing key, signature.
///
/// Pure functions of the request, the credentials and the time, so the client signs with
/// them, the emulator verifies with them, and AWS's own test suite checks them.
public enum SigV4 {
    /// The algorithm name that opens the Authorization header and the string to sign (SigV4, not SigV4a).
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// SHA-256 of an empty body.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// How a request is to be signed: where, for what, and the suite's switches.
    public struct Scope: Sendable, Hashable {
        /// The region the signature is valid in (`us-east-1`); AWS refuses it in any other.
        public var region: String
        /// The signing name (`macie2`, `sts`), which is not always the endpoint prefix; a wrong one is refused
        /// as an invalid signature.
        public var service: String
        /// Remove `.`/`..` segments and repeated slashes from the path (every service but S3).
        public var normalizePath: Bool
        /// Percent-encode the wire path once more for the canonical URI, as every service but S3
        /// wants; S3 signs the path exactly as sent (a key's `%20` stays `%20`), so a signer or a
        /// verifier for S3 sets it to `false` or every key with an escape is refused.
        public var encodePathAgain: Bool

        /// `normalizePath` and `encodePathAgain` default to `true`, which is right for every service but S3.
        public init(region: String, service: String, normalizePath: Bool = true, encodePathAgain: Bool = true) {
            self.region = region
            self.service = service
            self.normalizePath = normalizePath
            self.encodePathAgain = encodePathAgain
        }
    }

    /// Lowercase hex SHA-256 of a body.
    public static func payloadHash(_ body: some DataProtocol) -> String {
        hex(SHA256.hash(data: body))
    }

    /// `20150830T123600Z`
    public static func amzDate(_ date: Date) -> String {
        let iso = ISO8601.utc(date)
        return iso.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    /// `20150830/us-east-1/service/aws4_request`
    public static func credentialScope(_ date: Date, _ scope: Scope) -> String {
        "\(amzDate(date).prefix(8))/\(scope.region)/\(scope.service)/aws4_request"
    }

    /// The canonical request, over the headers named in `signedHeaders` (lowercase, sorted).
    public static func canonicalRequest(_ request: SigningRequest, signedHeaders: [String], scope: Scope) -> String {
        let headers = canonicalHeaders(request.headers, only: Set(signedHeaders))
        return [
            request.method.uppercased(),
            canonicalURI(request.path, normalize: scope.normalizePath, encodeAgain: scope.encodePathAgain),
            canonicalQuery(request.query),
            headers.map { "\($0.name):\($0.value)\n" }.joined(),
            signedHeaders.joined(separator: ";"),
            request.payloadHash,
        ].joined(separator: "\n")
    }

    /// The string to sign: the algorithm, the request time, the credential scope and the hex SHA-256 of
    /// the canonical request, one a line.
    public static func stringToSign(canonicalRequest: String, date: Date, scope: Scope) -> String {
        [algorithm, amzDate(date), credentialScope(date, scope), hex(SHA256.hash(data: Data(canonicalRequest.utf8)))]
            .joined(separator: "\n")
    }

    /// The hex signature of a string to sign.
    public static func signature(stringToSign: String, secretAccessKey: String, date: Date, scope: Scope) -> String {
        let key = signingKey(secretAccessKey: secretAccessKey, date: date, scope: scope)
        return hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")
    public static func signingKey(secretAccessKey: String, date: Date, scope: Scope) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secretAccessKey)".utf8))
        for part in [String(amzDate(date).prefix(8)), scope.region, scope.service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }

    /// Lowercase names, values trimmed with inner runs of white space folded to one space,
    /// repeated headers joined with commas in order, sorted by name.
    static func canonicalHeaders(_ headers: [(name: String, value: String)], only names: Set<String>) -> [(
        name: String, value: String
    )] {
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            guard names.contains(name) else { continue }
            let folded = header.value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                .joined(separator: " ")
            values[name, default: []].append(folded)
        }
        return values.keys.sorted().map { ($0, values[$0]!.joined(separator: ",")) }
    }

    /// The path, normalised if asked, with every byte but unreserved ones and `/` encoded.
    /// A path already percent-encoded on the wire is encoded again, as AWS does for every
    /// service but S3; with `encodeAgain` false (S3) the path is used exactly as given.
    static func canonicalURI(_ path: String, normalize: Bool, encodeAgain: Bool = true) -> String {
        var path = path.isEmpty ? "/" : path
        if normalize { path = normalizedPath(path) }
        return encodeAgain ? percentEncode(path, keepSlash: true) : path
    }

    /// RFC 3986 dot-segment removal, with empty segments (repeated slashes) dropped too.
    static func normalizedPath(_ path: String) -> String {
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = output.popLast()
            default: output.append(segment)
            }
        }
        let trailing = path.hasSuffix("/") || path.hasSuffix("/.") || path.hasSuffix("/..")
        let joined = "/" + output.joined(separator: "/")
        return trailing && !output.isEmpty ? joined + "/" : joined
    }

    /// Names and values encoded, sorted by name then value.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { (percentEncode($0.name, keepSlash: false), percentEncode($0.value, keepSlash: false)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// RFC 3986 encoding of every byte but `A-Z a-z 0-9 - . _ ~` (and `/` if kept).
    public static func percentEncode(_ text: String, keepSlash: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// Decodes `%XX` escapes (not `+`, which SigV4 treats as itself); malformed escapes stay.
    public static func percentDecode(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

/// `2015-08-30T12:36:00Z` without Foundation's formatter (thread-safe, fast).
enum ISO8601 {
    static func utc(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
