import Foundation

/// SES v2's SendEmail as the emulator takes it: a raw MIME message (`Content.Raw.Data`, base64
/// in the JSON), its sender and its recipients, read from the request's members or, failing
/// those, the message's own headers, as SES reads them. Simple and Template content are refused
/// rather than rendered: macie-report sends raw messages, and a test that sends another kind
/// should learn that the emulator does not play it.
struct SendEmailRequest {
    /// The message exactly as decoded, what `--ses-outbox` keeps.
    let raw: [UInt8]
    /// The sender's address: `FromEmailAddress`, else the raw `From` header's.
    let from: String
    /// `Destination`'s To, Cc and Bcc addresses, else the raw To, Cc and Bcc headers'.
    let recipients: [String]

    /// A refusal: the rest-json error type SES answers (`BadRequestException`,
    /// `MessageRejected`) and its wording.
    struct Rejection: Error, Equatable {
        let type: String
        let message: String
    }

    /// Reads the JSON body. A raw message over `maxBytes` (decoded) is MessageRejected with
    /// SES's wording; a missing or malformed member, no sender or no recipient is
    /// BadRequestException / MessageRejected as the service answers them.
    init(json body: [UInt8], maxBytes: Int) throws(Rejection) {
        func bad(_ message: String) -> Rejection { Rejection(type: "BadRequestException", message: message) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            throw bad("The request body is not a JSON object.")
        }
        guard let content = object["Content"] as? [String: Any] else { throw bad("Content is required.") }
        guard content["Simple"] == nil, content["Template"] == nil else {
            throw bad("macie2-emulator serves SendEmail with Content.Raw only; Simple and Template content are not played.")
        }
        guard let data = (content["Raw"] as? [String: Any])?["Data"] as? String else {
            throw bad("Content.Raw.Data is required.")
        }
        guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
            throw bad("Content.Raw.Data is not valid base64.")
        }
        guard decoded.count <= maxBytes else {
            throw Rejection(
                type: "MessageRejected", message: "Message length is more than \(maxBytes) bytes long: '\(decoded.count)'.")
        }
        raw = Array(decoded)
        let headers = Self.headers(of: raw)
        let fromMember = (object["FromEmailAddress"] as? String).flatMap { Self.addresses(in: $0).first }
        guard let from = fromMember ?? headers["from"].flatMap({ Self.addresses(in: $0).first }) else {
            throw Rejection(type: "MessageRejected", message: "Missing required header 'From'.")
        }
        self.from = from
        let destination = object["Destination"] as? [String: Any] ?? [:]
        let listed = ["ToAddresses", "CcAddresses", "BccAddresses"].flatMap { destination[$0] as? [String] ?? [] }
            .flatMap(Self.addresses(in:))
        recipients = listed.isEmpty ? ["to", "cc", "bcc"].flatMap { headers[$0].map(Self.addresses(in:)) ?? [] } : listed
        guard !recipients.isEmpty else {
            throw bad("The message has no recipient: give Destination, or a To, Cc or Bcc header in the raw message.")
        }
    }

    /// The header block (up to the first empty line), lower-cased names, folded lines joined,
    /// repeated headers joined with commas (To and Cc may repeat).
    static func headers(of raw: [UInt8]) -> [String: String] {
        let text = String(decoding: raw.prefix(256 * 1024), as: UTF8.self)
        var fields: [(String, String)] = []
        // `\r\n` is one Character in Swift, so split on newlines, not on "\n".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.isEmpty { break }
            if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
                fields[fields.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                fields.append(
                    (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return Dictionary(fields, uniquingKeysWith: { "\($0), \($1)" })
    }

    /// The addresses of an address list (`"Ops, Night" <ops@example.com>, b@example.com`): each
    /// entry's `<…>` if it has one, else the entry; commas inside quotes or angle brackets do not
    /// split; entries without `@` (group names, empty) are dropped.
    static func addresses(in list: String) -> [String] {
        var entries: [String] = []
        var current = ""
        var quoted = false
        var angle = false
        for character in list {
            switch character {
            case "\"": quoted.toggle()
            case "<" where !quoted: angle = true
            case ">" where !quoted: angle = false
            case "," where !quoted && !angle:
                entries.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        entries.append(current)
        return entries.compactMap { entry in
            let address: Substring
            if let open = entry.lastIndex(of: "<"), let close = entry[open...].firstIndex(of: ">") {
                address = entry[entry.index(after: open)..<close]
            } else {
                address = Substring(entry)
            }
            let trimmed = address.trimmingCharacters(in: .whitespaces)
            return trimmed.contains("@") ? trimmed : nil
        }
    }

    /// Whether `identities` (addresses, or domains without `@`) verify `address`, compared
    /// without regard to case as SES compares them.
    static func isVerified(_ address: String, by identities: [String]) -> Bool {
        let lower = address.lowercased()
        let domain = lower.split(separator: "@").last.map(String.init) ?? ""
        return identities.contains { identity in
            let identity = identity.lowercased()
            return identity.contains("@") ? identity == lower : identity == domain
        }
    }
}
