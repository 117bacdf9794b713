import AWSClient
import AWSSigV4
import Foundation

/// The S3 operations a run calls to store its reports, as a thin table over the run's one
/// `AWSClient` (rest-xml, signed by S3's rules with the payload's hash).
///
/// Addressing follows the client's one endpoint rule: with an endpoint the user named
/// (`--endpoint-url`, `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`) the bucket is in the path, as
/// local and private endpoints expect; otherwise in the host name (`bucket.s3.region.amazonaws.com`),
/// except for a bucket with dots, which a wildcard certificate cannot cover.
public struct S3Client: Sendable {
    /// S3 as `s3-service-2.json` describes it.
    public static let service = AWSService(
        signingName: "s3", endpointPrefix: "s3", serviceId: "S3", wireProtocol: .restXML, signsLikeS3: true)

    /// The run's client.
    public let client: AWSClient
    /// The bucket's region: requests are signed for it and sent to its endpoint.
    public let region: String

    /// S3 in `region` through `client`.
    public init(client: AWSClient, region: String) {
        self.client = client
        self.region = region
    }

    /// Where one object is, on the wire: a path (and a host prefix for virtual-hosted addressing).
    struct Address {
        var path: String
        var hostPrefix: String?
    }

    func address(bucket: String, key: String) -> Address {
        let encodedKey = SigV4.percentEncode(key, keepSlash: true)
        if client.settings.hasCustomEndpoint(Self.service) || bucket.contains(".") {
            return Address(path: "/\(bucket)/\(encodedKey)", hostPrefix: nil)
        }
        return Address(path: "/\(encodedKey)", hostPrefix: "\(bucket).")
    }

    /// PutObject: one request for the whole object. Returns the ETag.
    @discardableResult
    public func putObject(
        bucket: String, key: String, body: [UInt8], contentType: String, encryption: S3Encryption?
    ) async throws -> String {
        let at = address(bucket: bucket, key: key)
        let headers = [("Content-Type", contentType)] + (encryption?.headers ?? [])
        let response = try await client.send(
            .restXML("PutObject", method: "PUT", path: at.path, headers: headers, body: body, hostPrefix: at.hostPrefix),
            to: Self.service, region: region)
        return response.header("ETag") ?? ""
    }

    /// CreateMultipartUpload (`POST ?uploads`). Returns the upload id.
    public func createMultipartUpload(
        bucket: String, key: String, contentType: String, encryption: S3Encryption?
    ) async throws -> String {
        let at = address(bucket: bucket, key: key)
        let headers = [("Content-Type", contentType)] + (encryption?.headers ?? [])
        let response = try await client.send(
            .restXML(
                "CreateMultipartUpload", method: "POST", path: at.path, query: [("uploads", "")], headers: headers,
                hostPrefix: at.hostPrefix),
            to: Self.service, region: region)
        guard let id = XMLText.first("UploadId", in: String(decoding: response.body, as: UTF8.self)), !id.isEmpty else {
            throw AWSError.malformedAnswer("S3 CreateMultipartUpload answered without an UploadId")
        }
        return id
    }

    /// UploadPart (`PUT ?partNumber=N&uploadId=ID`). Returns the part's ETag, which completing needs.
    public func uploadPart(bucket: String, key: String, uploadId: String, number: Int, body: [UInt8]) async throws -> String {
        let at = address(bucket: bucket, key: key)
        let response = try await client.send(
            .restXML(
                "UploadPart", method: "PUT", path: at.path,
                query: [("partNumber", String(number)), ("uploadId", uploadId)], body: body, hostPrefix: at.hostPrefix),
            to: Self.service, region: region)
        guard let etag = response.header("ETag"), !etag.isEmpty else {
            throw AWSError.malformedAnswer("S3 UploadPart answered part \(number) without an ETag")
        }
        return etag
    }

    /// CompleteMultipartUpload (`POST ?uploadId=ID`) with the parts' ETags in order.
    ///
    /// S3 may answer 200 and still fail: the error is then in the body (the answer started
    /// before the parts were joined), so the body is read, not just the status.
    public func completeMultipartUpload(
        bucket: String, key: String, uploadId: String, etags: [String]
    ) async throws {
        let at = address(bucket: bucket, key: key)
        let parts = etags.enumerated().map { index, etag in
            "<Part><ETag>\(XMLText.escaped(etag))</ETag><PartNumber>\(index + 1)</PartNumber></Part>"
        }
        let xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\(parts.joined())</CompleteMultipartUpload>"
        // A 200 whose body is an error (S3 answered before joining the parts) is retried like
        // a 500, as the SDKs do; three tries in all, then it is the upload's failure.
        var tries = 0
        while true {
            tries += 1
            let response = try await client.send(
                .restXML(
                    "CompleteMultipartUpload", method: "POST", path: at.path, query: [("uploadId", uploadId)],
                    headers: [("Content-Type", "application/xml")], body: Array(xml.utf8), hostPrefix: at.hostPrefix),
                to: Self.service, region: region)
            let answer = String(decoding: response.body.prefix(64 << 10), as: UTF8.self)
            guard answer.contains("<Error>") else { return }
            guard tries < 3 else {
                let code = XMLText.first("Code", in: answer) ?? "Error"
                throw AWSError.malformedAnswer(
                    "S3 CompleteMultipartUpload failed after answering 200: \(code): \(XMLText.first("Message", in: answer) ?? "")")
            }
        }
    }

    /// AbortMultipartUpload (`DELETE ?uploadId=ID`): frees the parts stored so far, which
    /// would otherwise be kept (and billed) until a lifecycle rule removes them.
    public func abortMultipartUpload(bucket: String, key: String, uploadId: String) async throws {
        let at = address(bucket: bucket, key: key)
        _ = try await client.send(
            .restXML(
                "AbortMultipartUpload", method: "DELETE", path: at.path, query: [("uploadId", uploadId)],
                hostPrefix: at.hostPrefix),
            to: Self.service, region: region)
    }

    /// A GetObject URL anyone can follow for `seconds` (at most 7 days), signed with the run's
    /// credentials; `credentialsExpire` is when those stop working, if they are temporary.
    public func presignedGet(bucket: String, key: String, seconds: Int) async throws -> (url: URL, credentialsExpire: Date?) {
        let at = address(bucket: bucket, key: key)
        return try await client.presignedURL(
            .restXML("GetObject", method: "GET", path: at.path, hostPrefix: at.hostPrefix), to: Self.service,
            region: region, expires: seconds)
    }
}
