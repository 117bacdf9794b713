import Foundation

/// An object as stored: its bytes and what GET and HEAD answer about it.
struct S3Object {
    /// The whole object.
    let bytes: [UInt8]
    /// Content type and encryption, as the write asked.
    let metadata: S3ObjectMetadata
    /// Quoted, as S3 sends it: the MD5 of the bytes for PutObject, or for a multipart upload
    /// the MD5 of the parts' binary MD5s followed by `-<number of parts>`.
    let etag: String
    /// When the write completed (`Last-Modified`).
    let lastModified: Date
}
