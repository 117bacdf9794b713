import Crypto
import Foundation

/// The emulator's S3: buckets of objects and the pending multipart uploads, in memory, with
/// S3's rules for completing an upload. Not thread-safe on its own; ``Macie2Service`` holds it
/// behind its lock. Buckets are fixed at start (`--s3-bucket`): a report must go to a bucket
/// that exists, and a typo in its name must be NoSuchBucket, not a new bucket.
struct S3Store {
    /// S3's smallest part but the last: 5 MiB.
    static let minimumPartSize = 5 * 1024 * 1024
    /// S3's part numbers: 1 to 10 000.
    static let partNumbers = 1...10_000

    private var buckets: [String: [String: S3Object]]
    private var uploads: [String: S3Upload] = [:]
    private var serial = 0

    /// Empty buckets with these names.
    init(buckets: Set<String>) {
        self.buckets = Dictionary(uniqueKeysWithValues: buckets.map { ($0, [:]) })
    }

    /// Multipart uploads created and neither completed nor aborted, every bucket together.
    var pendingUploads: Int { uploads.count }

    /// NoSuchBucket unless `bucket` exists.
    func requireBucket(_ bucket: String) throws(S3Error) {
        guard buckets[bucket] != nil else { throw .noSuchBucket(bucket) }
    }

    /// Stores `bytes` under `key`, replacing what was there.
    mutating func put(bucket: String, key: String, bytes: [UInt8], metadata: S3ObjectMetadata, at now: Date)
        throws(S3Error) -> S3Object
    {
        try requireBucket(bucket)
        let object = S3Object(bytes: bytes, metadata: metadata, etag: "\"\(Self.md5(bytes))\"", lastModified: now)
        buckets[bucket]![key] = object
        return object
    }

    /// The object at `key`: NoSuchBucket, else NoSuchKey.
    func object(bucket: String, key: String) throws(S3Error) -> S3Object {
        try requireBucket(bucket)
        guard let object = buckets[bucket]?[key] else { throw .noSuchKey(key) }
        return object
    }

    /// Starts an upload to `key`.
    mutating func createUpload(bucket: String, key: String, metadata: S3ObjectMetadata, at now: Date) throws(S3Error)
        -> S3Upload
    {
        try requireBucket(bucket)
        serial += 1
        let upload = S3Upload(
            id: "emulator-upload-\(serial)", bucket: bucket, key: key, metadata: metadata, initiated: now)
        uploads[upload.id] = upload
        return upload
    }

    /// Keeps part `number` of an upload and answers its quoted ETag. The upload must be this
    /// bucket's and key's (else NoSuchUpload, as S3 answers an id used on another key).
    mutating func uploadPart(bucket: String, key: String, uploadId: String, number: Int, bytes: [UInt8])
        throws(S3Error) -> String
    {
        _ = try pending(bucket: bucket, key: key, uploadId: uploadId)
        let md5 = Self.md5(bytes)
        uploads[uploadId]!.parts[number] = (bytes, md5)
        return "\"\(md5)\""
    }

    /// Joins the listed parts into the object, as S3 does: the list in ascending part order
    /// (InvalidPartOrder), each part uploaded with that ETag (InvalidPart), every part but the
    /// last at least ``minimumPartSize`` (EntityTooSmall). Parts not listed are dropped. The
    /// upload stays pending when it is refused, so the client can fix the list or abort.
    mutating func complete(
        bucket: String, key: String, uploadId: String, parts listed: [(number: Int, etag: String)], at now: Date
    ) throws(S3Error) -> S3Object {
        let upload = try pending(bucket: bucket, key: key, uploadId: uploadId)
        guard !listed.isEmpty else { throw .malformedXML }
        guard zip(listed, listed.dropFirst()).allSatisfy({ $0.number < $1.number }) else { throw .invalidPartOrder }
        var chosen: [(bytes: [UInt8], md5: String)] = []
        for entry in listed {
            guard let part = upload.parts[entry.number], part.md5 == Self.unquoted(entry.etag) else {
                throw .invalidPart(entry.number, entry.etag)
            }
            chosen.append(part)
        }
        for (index, part) in chosen.enumerated().dropLast() where part.bytes.count < Self.minimumPartSize {
            throw .entityTooSmall(
                size: part.bytes.count, minimum: Self.minimumPartSize, part: listed[index].number,
                etag: "\"\(part.md5)\"")
        }
        let digests = chosen.flatMap { Self.hexBytes($0.md5) }
        let object = S3Object(
            bytes: chosen.flatMap(\.bytes), metadata: upload.metadata, etag: "\"\(Self.md5(digests))-\(chosen.count)\"",
            lastModified: now)
        buckets[bucket]![key] = object
        uploads[uploadId] = nil
        return object
    }

    /// Drops an upload and its parts.
    mutating func abort(bucket: String, key: String, uploadId: String) throws(S3Error) {
        _ = try pending(bucket: bucket, key: key, uploadId: uploadId)
        uploads[uploadId] = nil
    }

    /// The bucket's pending uploads, by key then initiation.
    func uploads(in bucket: String) throws(S3Error) -> [S3Upload] {
        try requireBucket(bucket)
        return uploads.values.filter { $0.bucket == bucket }
            .sorted { ($0.key, $0.initiated, $0.id) < ($1.key, $1.initiated, $1.id) }
    }

    private func pending(bucket: String, key: String, uploadId: String) throws(S3Error) -> S3Upload {
        try requireBucket(bucket)
        guard let upload = uploads[uploadId], upload.bucket == bucket, upload.key == key else {
            throw .noSuchUpload(uploadId)
        }
        return upload
    }

    static func md5(_ bytes: [UInt8]) -> String {
        Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    private static func unquoted(_ etag: String) -> String {
        etag.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")).lowercased()
    }

    private static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var digits = hex.utf8.makeIterator()
        while let high = digits.next(), let low = digits.next() {
            bytes.append(UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) ?? 0)
        }
        return bytes
    }
}
