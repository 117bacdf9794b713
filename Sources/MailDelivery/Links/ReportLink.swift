import Foundation

/// A report file the run has put somewhere the recipients can fetch it (a presigned S3 URL),
/// named in the message instead of attached to it: the message stays small however large the
/// reports are, and SES's or a mail server's size limit no longer decides whether it goes out.
public struct ReportLink: Sendable, Equatable {
    /// The name shown to the reader, e.g. `report.xlsx`.
    public var fileName: String
    /// The link, exactly as it must be opened: a presigned URL carries `&` and `%`, which are
    /// escaped for HTML and encoded for the text part, never changed.
    public var url: String
    /// The file's size, so the reader knows what a click costs.
    public var bytes: Int
    /// When the link stops working (a presigned URL's `X-Amz-Date` plus `X-Amz-Expires`); the
    /// message names the earliest, so the reader knows how long the links last.
    public var expires: Date

    public init(fileName: String, url: String, bytes: Int, expires: Date) {
        self.fileName = fileName
        self.url = url
        self.bytes = bytes
        self.expires = expires
    }

    /// `812 bytes`, `14.2 KB`, `3.0 MB`, `1.2 GB` (powers of 1024, one decimal).
    public static func sizeText(_ bytes: Int) -> String {
        guard bytes >= 1024 else { return bytes == 1 ? "1 byte" : "\(bytes) bytes" }
        var value = Double(bytes) / 1024
        for unit in ["KB", "MB", "GB"] {
            if value < 1024 || unit == "GB" { return String(format: "%.1f", value) + " " + unit }
            value /= 1024
        }
        return "\(bytes) bytes"
    }
}
