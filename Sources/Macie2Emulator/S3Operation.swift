import AWSSigV4

/// One S3 request, path-style: the bucket and key from `/{Bucket}/{Key+}` (decoded), and the
/// operation its method and query name, as the model's `requestUri`s tell them apart.
struct S3Operation: Equatable {
    /// The operations served, with what their query carries.
    enum Kind: Equatable {
        case putObject
        case getObject
        case headObject
        case createMultipartUpload
        case uploadPart(number: Int, uploadId: String)
        case completeMultipartUpload(uploadId: String)
        case abortMultipartUpload(uploadId: String)
        case listMultipartUploads

        /// The operation's name in the model, for counters.
        var name: String {
            switch self {
            case .putObject: "PutObject"
            case .getObject: "GetObject"
            case .headObject: "HeadObject"
            case .createMultipartUpload: "CreateMultipartUpload"
            case .uploadPart: "UploadPart"
            case .completeMultipartUpload: "CompleteMultipartUpload"
            case .abortMultipartUpload: "AbortMultipartUpload"
            case .listMultipartUploads: "ListMultipartUploads"
            }
        }

        /// Whether it needs `s3:PutObject` (what `--deny-s3` takes away).
        var isWrite: Bool {
            switch self {
            case .putObject, .createMultipartUpload, .uploadPart, .completeMultipartUpload: true
            default: false
            }
        }
    }

    let bucket: String
    /// Empty for a bucket operation.
    let key: String
    let kind: Kind

    /// The operation `request` asks for; NotImplemented (501) for any other S3 operation (the
    /// emulator plays what macie-report calls, and says so rather than answering wrongly),
    /// InvalidArgument for a part number outside 1 to 10 000.
    init(_ request: EmulatorRequest) throws(S3Error) {
        let path = request.path.dropFirst(request.path.hasPrefix("/") ? 1 : 0)
        let slash = path.firstIndex(of: "/")
        bucket = SigV4.percentDecode(String(path[..<(slash ?? path.endIndex)]))
        key = slash.map { SigV4.percentDecode(String(path[path.index(after: $0)...])) } ?? ""
        var query: [String: String] = [:]
        for pair in SigningRequest.parseQuery(request.query) where query[pair.name] == nil { query[pair.name] = pair.value }
        let what = "\(request.method) \(request.path)\(request.query.isEmpty ? "" : "?" + request.query)"
        guard !bucket.isEmpty else { throw .notImplemented(what) }
        if key.isEmpty {
            guard request.method == "GET", query["uploads"] != nil else { throw .notImplemented(what) }
            kind = .listMultipartUploads
            return
        }
        switch (request.method, query["uploadId"]) {
        case ("PUT", let uploadId?) where query["partNumber"] != nil:
            guard let number = query["partNumber"].flatMap({ Int($0) }), S3Store.partNumbers.contains(number) else {
                throw .invalidArgument(
                    "Part number must be an integer between 1 and 10000, inclusive", name: "partNumber",
                    value: query["partNumber"] ?? "")
            }
            kind = .uploadPart(number: number, uploadId: uploadId)
        case ("PUT", nil) where !request.headers.contains(where: { $0.name.lowercased() == "x-amz-copy-source" }):
            kind = .putObject
        case ("GET", nil): kind = .getObject
        case ("HEAD", nil): kind = .headObject
        case ("POST", nil) where query["uploads"] != nil: kind = .createMultipartUpload
        case ("POST", let uploadId?): kind = .completeMultipartUpload(uploadId: uploadId)
        case ("DELETE", let uploadId?): kind = .abortMultipartUpload(uploadId: uploadId)
        default: throw .notImplemented(what)
        }
    }
}
