import FileInput
import Foundation

/// A file carried in the message, byte for byte (always base64, so binary data and CSV with
/// long lines or bare CRs arrive unchanged).
public struct MailAttachment: Sendable, Equatable {
    /// The name the recipient sees; any path is dropped.
    public var filename: String
    /// The MIME type, e.g. `text/csv`.
    public var contentType: String
    public var data: Data

    public init(filename: String, contentType: String, data: Data) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }

    /// Bytes already in memory, with the content type taken from the name's extension.
    public init(filename: String, data: Data) {
        self.init(filename: filename, contentType: Self.contentType(forFileName: filename), data: data)
    }

    /// Reads a file, taking its content type from the extension (``contentType(forFileName:)``).
    /// A FIFO, a device or a link loop is refused with its true cause, and nothing past
    /// ``sizeLimit`` is read: the whole message is built in memory.
    public init(contentsOf url: URL) throws(MailError) {
        let data: Data
        do {
            data = try UserFile.read(url.path, what: "attachment", limit: Self.sizeLimit)
        } catch {
            throw .attachmentUnreadable(error)
        }
        self.init(filename: url.lastPathComponent, data: data)
    }

    /// More than any mail server accepts (they stop at tens of MB).
    public static let sizeLimit = 1 << 30

    /// The MIME type for the reports' extensions; `application/octet-stream` for anything else.
    public static func contentType(forFileName name: String) -> String {
        switch name.split(separator: ".").last.map({ $0.lowercased() }) {
        case "csv": return "text/csv"
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "html", "htm": return "text/html"
        case "txt": return "text/plain"
        case "json": return "application/json"
        default: return "application/octet-stream"
        }
    }
}
