import Foundation

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
