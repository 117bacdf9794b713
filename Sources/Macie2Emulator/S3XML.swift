import Foundation

/// S3's XML bodies: the three results the emulator writes, and the one request body it reads
/// (CompleteMultipartUpload's part list). Element names are the model's (`s3-service-2.json`);
/// written by hand and read by a scanner, as these documents are flat and small, which keeps
/// the emulator free of an XML parser dependency (FoundationXML needs libxml2 at run time).
enum S3XML {
    /// S3's namespace, on every result's root element.
    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"
    private static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"

    /// CreateMultipartUpload's answer.
    static func initiateResult(bucket: String, key: String, uploadId: String) -> [UInt8] {
        document("InitiateMultipartUploadResult", [("Bucket", bucket), ("Key", key), ("UploadId", uploadId)])
    }

    /// CompleteMultipartUpload's answer; `location` is the object's URL.
    static func completeResult(location: String, bucket: String, key: String, etag: String) -> [UInt8] {
        document(
            "CompleteMultipartUploadResult", [("Location", location), ("Bucket", bucket), ("Key", key), ("ETag", etag)])
    }

    /// ListMultipartUploads' answer: every pending upload of the bucket in one page (no paging:
    /// the emulator holds a handful), each `Upload` with its key, id and initiation time.
    static func listUploadsResult(bucket: String, uploads: [S3Upload], owner: String) -> [UInt8] {
        let entries = uploads.map { upload in
            "<Upload>"
                + elements([
                    ("Key", upload.key), ("UploadId", upload.id), ("Initiated", iso8601(upload.initiated)),
                    ("StorageClass", "STANDARD"),
                ]) + "<Owner><ID>\(escape(owner))</ID></Owner><Initiator><ID>\(escape(owner))</ID></Initiator></Upload>"
        }
        let head = elements([
            ("Bucket", bucket), ("KeyMarker", ""), ("UploadIdMarker", ""), ("NextKeyMarker", ""),
            ("NextUploadIdMarker", ""), ("MaxUploads", "1000"), ("IsTruncated", "false"),
        ])
        return Array(
            (declaration + "<ListMultipartUploadsResult xmlns=\"\(namespace)\">" + head + entries.joined()
                + "</ListMultipartUploadsResult>").utf8)
    }

    /// The `Part` entries of a CompleteMultipartUpload body, in the order given, or `nil` when
    /// the body is not such a document or a part lacks a whole `PartNumber` or an `ETag` (S3's
    /// MalformedXML).
    static func completedParts(_ body: [UInt8]) -> [(number: Int, etag: String)]? {
        let text = String(decoding: body, as: UTF8.self)
        guard text.contains("<CompleteMultipartUpload") else { return nil }
        var parts: [(Int, String)] = []
        var rest = text[...]
        while let open = rest.range(of: "<Part>") {
            guard let close = rest.range(of: "</Part>", range: open.upperBound..<rest.endIndex) else { return nil }
            let part = rest[open.upperBound..<close.lowerBound]
            guard let number = element("PartNumber", in: part).flatMap({ Int($0) }), let etag = element("ETag", in: part)
            else { return nil }
            parts.append((number, unescape(etag)))
            rest = rest[close.upperBound...]
        }
        return parts
    }

    /// XML text escaping of `& < > " '`.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `2026-11-24T06:00:00.000Z`, S3's timestamp shape in XML.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    private static func document(_ root: String, _ children: [(String, String)]) -> [UInt8] {
        Array((declaration + "<\(root) xmlns=\"\(namespace)\">" + elements(children) + "</\(root)>").utf8)
    }

    private static func elements(_ children: [(String, String)]) -> String {
        children.map { "<\($0.0)>\(escape($0.1))</\($0.0)>" }.joined()
    }

    private static func element(_ name: String, in text: Substring) -> String? {
        guard let open = text.range(of: "<\(name)>"),
            let close = text.range(of: "</\(name)>", range: open.upperBound..<text.endIndex)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func unescape(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&#34;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
