import Foundation

/// Where a run's reports go: `--s3-uri s3://BUCKET/PREFIX/`, checked before any work.
///
/// The prefix is a folder: each report is stored as PREFIX + its file name, and a prefix
/// without a trailing `/` gets one (`s3://b/nightly` and `s3://b/nightly/` are the same).
/// `{date}` in the prefix becomes the run's as-of date (`2026-11-24`), so each night keeps
/// its own copy instead of replacing the last.
public struct S3Location: Sendable, Hashable {
    /// The bucket, as S3 names it (3-63 lower-case letters, digits, dots and hyphens).
    public let bucket: String
    /// The prefix as given, placeholders unexpanded; empty for the bucket's top.
    public let prefixTemplate: String

    /// The placeholders a prefix may hold.
    public static let placeholders = ["date"]

    /// Parses `s3://BUCKET/PREFIX/`; the message of a problem names the option.
    public init(parsing text: String, option: String = "--s3-uri") throws(S3UsageError) {
        guard text.hasPrefix("s3://") else {
            throw S3UsageError("\(option) \(Self.quoted(text)) is not an S3 URI; write it like s3://BUCKET/PREFIX/")
        }
        let rest = text.dropFirst(5)
        let bucket = String(rest.prefix { $0 != "/" })
        if let problem = Self.bucketProblem(bucket) {
            throw S3UsageError("\(option) \(Self.quoted(text)): the bucket name \(problem)")
        }
        var prefix = String(rest.dropFirst(bucket.count + 1))
        if !prefix.isEmpty, !prefix.hasSuffix("/") { prefix += "/" }
        if let problem = Self.prefixProblem(prefix) { throw S3UsageError("\(option) \(Self.quoted(text)): \(problem)") }
        self.bucket = bucket
        self.prefixTemplate = prefix
    }

    /// The prefix for a run as of `date`: `{date}` is the UTC day, `YYYY-MM-DD`.
    public func prefix(asOf date: Date) -> String {
        prefixTemplate.replacingOccurrences(of: "{date}", with: Self.day(date))
    }

    /// The key of `fileName` for a run as of `date`.
    public func key(_ fileName: String, asOf date: Date) -> String { prefix(asOf: date) + fileName }

    /// `s3://bucket/key`, for messages (never a presigned URL).
    public func uri(ofKey key: String) -> String { "s3://\(bucket)/\(key)" }

    static func day(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
    }

    /// What is wrong with a bucket name by S3's naming rules, or `nil`.
    static func bucketProblem(_ name: String) -> String? {
        if name.isEmpty { return "is missing" }
        guard (3...63).contains(name.utf8.count) else { return "must be 3 to 63 characters long" }
        let allowed = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
        }
        guard allowed else { return "may hold only lower-case letters, digits, dots and hyphens" }
        guard let first = name.first, let last = name.last, first.isLetter || first.isNumber, last.isLetter || last.isNumber
        else { return "must begin and end with a letter or digit" }
        if name.contains("..") { return "must not hold two dots in a row" }
        let parts = name.split(separator: ".")
        if parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) { return "must not look like an IP address" }
        return nil
    }

    /// What is wrong with a prefix, or `nil`: an unknown placeholder, or a key that S3 could not hold.
    static func prefixProblem(_ prefix: String) -> String? {
        var rest = Substring(prefix)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                return "the prefix has a '{' without '}'; the placeholder is {date}"
            }
            let name = rest[rest.index(after: open)..<close]
            guard placeholders.contains(String(name)) else {
                return "the prefix has an unknown placeholder {\(name)}; the placeholder is {date}"
            }
            rest = rest[rest.index(after: close)...]
        }
        if prefix.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) {
            return "the prefix has a '.' or '..' folder, which HTTP clients and proxies resolve away"
        }
        if prefix.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "the prefix holds a control character"
        }
        // The longest report name is 11 bytes, a date 10 for the 6 of "{date}": a key is at most 1024 bytes.
        guard prefix.utf8.count + 4 * 16 + 11 <= 1024 else { return "the prefix is too long for S3's 1024-byte keys" }
        return nil
    }

    static func quoted(_ text: String) -> String {
        "'" + String(text.unicodeScalars.prefix(200).map { $0.properties.generalCategory == .control ? "?" : Character($0) })
            + (text.unicodeScalars.count > 200 ? "…" : "") + "'"
    }
}

/// An S3 option that cannot work, found before any work: the run stops with exit 2.
public struct S3UsageError: Error, CustomStringConvertible, Sendable {
    /// The one line shown to the user.
    public let description: String
    init(_ description: String) { self.description = description }
}
