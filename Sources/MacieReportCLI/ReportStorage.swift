import AWSClient
import Foundation
import Logging
import MailDelivery
import ReportPipeline
import S3Client

/// Stores a finished run's reports in S3 and, when the mail is to carry links, presigns
/// them: the S3 half of the delivery that follows the reports.
///
/// It reads the files the run opened under its lock (`Result.openFiles`), a part at a time,
/// so what is stored is byte for byte what was written, even if another run replaces the
/// files a moment later, and a 60 MB report.html is never held whole in memory. Nothing here
/// writes a presigned URL anywhere but into the value it returns.
struct ReportStorage {
    let uploader: ReportUploader
    let s3: S3Client
    let location: S3Location

    /// Uploads every report the run opened under its lock.
    func store(_ result: ReportPipeline.Result, asOf: Date) async throws -> [StoredReport] {
        let files = result.openFiles.map { file in
            UploadSource(name: file.url.lastPathComponent, size: file.size) { try file.read($0) }
        }
        return try await uploader.upload(files, asOf: asOf)
    }

    /// A presigned GET of each stored report, valid for `seconds`.
    func links(to stored: [StoredReport], seconds: Int) async throws -> [ReportLink] {
        var links: [ReportLink] = []
        var credentialsExpire: Date?
        for report in stored {
            let signed = try await s3.presignedGet(bucket: location.bucket, key: report.key, seconds: seconds)
            let expires = Date().addingTimeInterval(TimeInterval(seconds))
            // A link signed with temporary credentials dies with them: say the earlier time.
            links.append(
                ReportLink(
                    fileName: report.fileName, url: signed.url.absoluteString, bytes: report.bytes,
                    expires: min(expires, signed.credentialsExpire ?? expires)))
            if let end = signed.credentialsExpire { credentialsExpire = min(end, credentialsExpire ?? end) }
        }
        if let credentialsExpire, credentialsExpire < Date().addingTimeInterval(TimeInterval(seconds)) {
            Console.warning(
                "the mail's links are signed with temporary credentials, which expire at \(ISO8601DateFormatter().string(from: credentialsExpire)): the links stop working then, before the \(seconds / 86_400) day(s) asked; sign with an identity whose credentials last longer to keep them"
            )
        }
        return links
    }

    /// The summary line for stdout: where, how many, how big (never a URL).
    static func line(_ stored: [StoredReport], location: S3Location, asOf: Date) -> String {
        let bytes = stored.reduce(0) { $0 + $1.bytes }
        let multipart = stored.filter(\.multipart).count
        let parts = multipart == 0 ? "" : ", \(multipart) as multipart uploads"
        return "Stored \(stored.count) reports (\(String(format: "%.1f MB", Double(bytes) / 1_000_000))\(parts)) in \(location.uri(ofKey: location.prefix(asOf: asOf)))."
    }
}
