import Foundation

extension Macie2Service {
    /// An S3 request (path-style): the operation from method, path and query, then the
    /// signature (``authenticateS3(_:)``), then `--deny-s3` for writes, then `--s3-fail-part`,
    /// then the operation on the in-memory buckets. Every answer carries `x-amz-request-id`;
    /// errors are S3's XML (a HEAD's, its status alone). Latency applies; the random Macie2
    /// faults do not. The counters' pending uploads are brought up to date after every request.
    func s3(_ request: EmulatorRequest, delay: TimeInterval) -> EmulatorOutcome {
        let requestId = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16))
        let head = request.method == "HEAD"
        func fail(_ error: S3Error) -> EmulatorOutcome {
            if error.status == 400 { tally.validationErrors += 1 }
            return .respond(error.response(requestId: requestId, head: head), delay: delay)
        }
        defer { tally.pendingMultipartUploads = s3Store.pendingUploads }
        let operation: S3Operation
        do {
            operation = try S3Operation(request)
        } catch {
            tally.requests["unknown", default: 0] += 1
            return fail(error)
        }
        tally.requests[operation.kind.name, default: 0] += 1
        let authenticated: Authenticated
        switch authenticateS3(request) {
        case .success(let caller): authenticated = caller
        case .failure(let refusal): return fail(refusal)
        }
        if faults.options.denyS3, operation.kind.isWrite {
            tally.faults["deniedS3", default: 0] += 1
            return fail(
                .accessDenied(
                    "User: \(authenticated.caller.arn) is not authorized to perform: s3:PutObject on resource: \"arn:aws:s3:::\(operation.bucket)/\(operation.key)\" because no identity-based policy allows the s3:PutObject action"
                ))
        }
        if case .uploadPart(let number, _) = operation.kind, number == faults.options.s3FailPart {
            tally.faults["s3FailPart", default: 0] += 1
            return fail(.internalError)
        }
        do {
            var response = try perform(operation, request, authenticated)
            response.headers.append(("x-amz-request-id", requestId))
            return .respond(response, delay: delay)
        } catch {
            return fail(error)
        }
    }

    private func perform(_ operation: S3Operation, _ request: EmulatorRequest, _ authenticated: Authenticated)
        throws(S3Error) -> EmulatorResponse
    {
        let (bucket, key) = (operation.bucket, operation.key)
        func metadata() throws(S3Error) -> S3ObjectMetadata {
            try S3ObjectMetadata(
                headers: request.headers, region: authenticated.region, accountId: authenticated.caller.accountId)
        }
        switch operation.kind {
        case .putObject:
            let object = try s3Store.put(bucket: bucket, key: key, bytes: request.body, metadata: try metadata(), at: now())
            return EmulatorResponse(status: 200, headers: [("ETag", object.etag)] + object.metadata.encryptionHeaders, body: [])
        case .getObject, .headObject:
            let object = try s3Store.object(bucket: bucket, key: key)
            var headers: [(name: String, value: String)] = [
                ("Content-Type", object.metadata.contentType ?? "binary/octet-stream"), ("ETag", object.etag),
                ("Last-Modified", Self.httpDate(object.lastModified)), ("Accept-Ranges", "bytes"),
            ]
            headers += object.metadata.encryptionHeaders
            guard operation.kind == .getObject else {
                return EmulatorResponse(
                    status: 200, headers: headers + [("Content-Length", String(object.bytes.count))], body: [])
            }
            return EmulatorResponse(status: 200, headers: headers, body: object.bytes)
        case .createMultipartUpload:
            let upload = try s3Store.createUpload(bucket: bucket, key: key, metadata: try metadata(), at: now())
            return Self.xml(
                S3XML.initiateResult(bucket: bucket, key: key, uploadId: upload.id), upload.metadata.encryptionHeaders)
        case .uploadPart(let number, let uploadId):
            let etag = try s3Store.uploadPart(bucket: bucket, key: key, uploadId: uploadId, number: number, bytes: request.body)
            return EmulatorResponse(status: 200, headers: [("ETag", etag)], body: [])
        case .completeMultipartUpload(let uploadId):
            guard let parts = S3XML.completedParts(request.body) else { throw .malformedXML }
            let object = try s3Store.complete(bucket: bucket, key: key, uploadId: uploadId, parts: parts, at: now())
            let host = request.headers.first { $0.name.lowercased() == "host" }?.value ?? "127.0.0.1"
            return Self.xml(
                S3XML.completeResult(location: "http://\(host)\(request.path)", bucket: bucket, key: key, etag: object.etag),
                object.metadata.encryptionHeaders)
        case .abortMultipartUpload(let uploadId):
            try s3Store.abort(bucket: bucket, key: key, uploadId: uploadId)
            return EmulatorResponse(status: 204, headers: [], body: [])
        case .listMultipartUploads:
            let uploads = try s3Store.uploads(in: bucket)
            return Self.xml(
                S3XML.listUploadsResult(bucket: bucket, uploads: uploads, owner: authenticated.caller.accountId), [])
        }
    }

    private static func xml(_ body: [UInt8], _ headers: [(name: String, value: String)]) -> EmulatorResponse {
        EmulatorResponse(status: 200, headers: [("Content-Type", "application/xml")] + headers, body: body)
    }

    /// `Tue, 24 Nov 2026 06:00:00 GMT`, the HTTP date of `Last-Modified`.
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
