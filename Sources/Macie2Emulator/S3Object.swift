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

/// A multipart upload between CreateMultipartUpload and its completion or abort. Pending ones
/// are what a client that gave up must abort: ListMultipartUploads and the counters show them.
struct S3Upload {
    /// The UploadId the client quotes.
    let id: String
    let bucket: String
    let key: String
    /// What CreateMultipartUpload asked for; the completed object gets it.
    let metadata: S3ObjectMetadata
    let initiated: Date
    /// The parts received so far by number (a part sent again replaces the earlier one), each
    /// with the hex MD5 its ETag quotes.
    var parts: [Int: (bytes: [UInt8], md5: String)] = [:]
}
