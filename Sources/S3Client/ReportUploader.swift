import AWSClient
import Foundation

/// Stores a run's reports under its S3 prefix, after they are written: one PutObject for a
/// small file, a multipart upload for a large one, so a 60 MB report.html is sent as parts
/// that are retried on their own and never held twice in memory.
///
/// A multipart upload that fails is aborted, so no invisible half-object is left to be billed.
/// The first failure stops the upload with an ``S3UploadError`` that says which file, where,
/// and what to do; files already stored stay (each is a whole report).
public struct ReportUploader: Sendable {
    /// Sizes and parallelism of the uploads.
    public struct Options: Sendable {
        /// Files of this many bytes or more go up as multipart uploads. 8 MiB, as the AWS CLI;
        /// `scripts/benchmark_upload.py` measures the choice.
        public var multipartThreshold = 8 << 20
        /// Bytes a part (the last may be smaller); S3's minimum is 5 MiB.
        public var partSize = 8 << 20
        /// Parts of one file in flight at once.
        public var concurrency = 4
        /// The defaults.
        public init() {}
    }

    let s3: S3Client
    let location: S3Location
    let encryption: S3Encryption?
    let options: Options

    /// Uploads through `s3` to `location`, asking for `encryption` (`nil`: the bucket's default).
    public init(s3: S3Client, location: S3Location, encryption: S3Encryption?, options: Options = Options()) {
        self.s3 = s3
        self.location = location
        self.encryption = encryption
        self.options = options
    }

    /// Stores each file under the prefix for `asOf`, in order; returns where each went.
    public func upload(_ files: [UploadSource], asOf: Date) async throws(S3UploadError) -> [StoredReport] {
        var stored: [StoredReport] = []
        for file in files {
            let key = location.key(file.name, asOf: asOf)
            do {
                let parts = try await store(file, key: key, contentType: ReportContentType.of(file.name))
                stored.append(
                    StoredReport(fileName: file.name, key: key, bytes: file.size, parts: parts ?? 1, multipart: parts != nil))
            } catch let failure as S3UploadError {
                throw failure.after(stored: stored.count, of: files.count)
            } catch {
                throw S3UploadError.failed(file.name, uri: location.uri(ofKey: key), error, abort: nil)
                    .after(stored: stored.count, of: files.count)
            }
        }
        return stored
    }

    /// One object; returns its number of parts, `nil` for a PutObject.
    private func store(_ file: UploadSource, key: String, contentType: String) async throws -> Int? {
        // An empty file is always one PutObject: a multipart upload needs at least one part.
        guard file.size > 0, file.size >= options.multipartThreshold else {
            try await s3.putObject(
                bucket: location.bucket, key: key, body: try file.read(0..<file.size), contentType: contentType,
                encryption: encryption)
            return nil
        }
        let uploadId = try await s3.createMultipartUpload(
            bucket: location.bucket, key: key, contentType: contentType, encryption: encryption)
        // S3 allows 10 000 parts: a file beyond 10 000 parts of the usual size gets bigger ones.
        let partSize = max(options.partSize, (file.size + 9_999) / 10_000, 5 << 20)
        let count = (file.size + partSize - 1) / partSize
        do {
            let etags = try await uploadParts(file, key: key, uploadId: uploadId, partSize: partSize, count: count)
            try await s3.completeMultipartUpload(bucket: location.bucket, key: key, uploadId: uploadId, etags: etags)
            return count
        } catch {
            let name = String(key.split(separator: "/").last ?? Substring(key))
            var abortProblem: String?
            do {
                try await s3.abortMultipartUpload(bucket: location.bucket, key: key, uploadId: uploadId)
            } catch let abortError {
                abortProblem =
                    "the partial upload could not be aborted either (\(abortError)); remove it with aws s3api abort-multipart-upload --bucket \(location.bucket) --key '\(key)' --upload-id \(uploadId)"
            }
            throw S3UploadError.failed(name, uri: location.uri(ofKey: key), error, abort: abortProblem)
        }
    }

    /// Sends the parts, at most `options.concurrency` at a time; the ETags in part order.
    private func uploadParts(
        _ file: UploadSource, key: String, uploadId: String, partSize: Int, count: Int
    ) async throws -> [String] {
        let s3 = s3
        let bucket = location.bucket
        return try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var etags = [String](repeating: "", count: count)
            var next = 0
            func start() {
                let number = next + 1
                let range = (next * partSize)..<min(file.size, (next + 1) * partSize)
                // Read when the part starts, so only the parts in flight are in memory.
                group.addTask {
                    let body = try file.read(range)
                    return (number, try await s3.uploadPart(bucket: bucket, key: key, uploadId: uploadId, number: number, body: body))
                }
                next += 1
            }
            while next < min(count, max(1, options.concurrency)) { start() }
            while let (number, etag) = try await group.next() {
                etags[number - 1] = etag
                if next < count { start() }
            }
            return etags
        }
    }
}

/// One report as stored: where, how big, in how many parts.
public struct StoredReport: Sendable, Hashable {
    /// The report's file name (`report.xlsx`).
    public var fileName: String
    /// Its key in the bucket.
    public var key: String
    /// Its size in bytes.
    public var bytes: Int
    /// 1 for a PutObject, else the multipart upload's parts.
    public var parts: Int
    /// Whether it went up as a multipart upload (of one part, for a file of exactly the threshold).
    public var multipart: Bool

    /// The values as given; `multipart` defaults to `parts > 1`.
    public init(fileName: String, key: String, bytes: Int, parts: Int, multipart: Bool? = nil) {
        self.fileName = fileName
        self.key = key
        self.bytes = bytes
        self.parts = parts
        self.multipart = multipart ?? (parts > 1)
    }
}
