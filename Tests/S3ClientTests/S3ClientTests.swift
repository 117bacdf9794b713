import AWSClient
import AWSSigV4
import Foundation
import S3Client
import Testing

/// The S3 operations on the wire: addressing, the signed payload hash, encryption headers,
/// and multipart uploads that are completed in order or aborted.
@Suite struct S3ClientTests {
    static let asOf = Date(timeIntervalSince1970: 1_795_500_000)  // 2026-11-24

    func uploader(_ s3: FakeS3, uri: String = "s3://reports/macie/{date}/", sse: S3Encryption? = nil, threshold: Int = 8 << 20)
        throws -> ReportUploader
    {
        var options = ReportUploader.Options()
        options.multipartThreshold = threshold
        options.partSize = 5 << 20
        options.concurrency = 2
        return ReportUploader(
            s3: S3Client(client: try s3.client(), region: "eu-west-1"), location: try S3Location(parsing: uri),
            encryption: sse, options: options)
    }

    @Test func aSmallReportIsOnePutObjectUnderTheDatedPrefixWithItsTypeAndHash() async throws {
        let s3 = FakeS3()
        let body = Data("jobId,name\n1,\"a, b\"\n".utf8)
        let stored = try await uploader(s3, sse: .kms(keyId: "alias/reports")).upload(
            [UploadSource(name: "jobs.csv", data: body)], asOf: Self.asOf)
        #expect(stored == [StoredReport(fileName: "jobs.csv", key: "macie/2026-11-24/jobs.csv", bytes: body.count, parts: 1)])
        let put = try #require(s3.sent.first)
        #expect(s3.sent.count == 1 && put.method == "PUT")
        #expect(put.url.absoluteString == "http://127.0.0.1:9000/reports/macie/2026-11-24/jobs.csv", "path-style at an endpoint")
        #expect(put.body == Array(body))
        #expect(put.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(put.header("x-amz-content-sha256") == SigV4.payloadHash(Array(body)))
        #expect(put.header("x-amz-server-side-encryption") == "aws:kms")
        #expect(put.header("x-amz-server-side-encryption-aws-kms-key-id") == "alias/reports")
        let authorization = try #require(put.header("Authorization"))
        #expect(authorization.contains("/eu-west-1/s3/aws4_request"))
        #expect(authorization.contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-server-side-encryption"))
    }

    @Test func keysAreEncodedOnceAndSignedAsSent() async throws {
        let s3 = FakeS3()
        _ = try await uploader(s3, uri: "s3://reports/nightly reports/ä+b/").upload(
            [UploadSource(name: "report.html", data: Data("<p>".utf8))], asOf: Self.asOf)
        let put = try #require(s3.sent.first)
        #expect(put.url.path(percentEncoded: true) == "/reports/nightly%20reports/%C3%A4%2Bb/report.html")
        #expect(put.header("Content-Type") == "text/html; charset=utf-8")
        #expect(put.header("Authorization") != nil && s3.sent.count == 1, "FakeS3 accepted the S3-style signature")
    }

    @Test func withoutAnEndpointTheBucketIsInTheHostUnlessItHasDots() async throws {
        let s3 = FakeS3()
        let client = try s3.client(endpoint: nil)
        try await S3Client(client: client, region: "eu-west-1").putObject(
            bucket: "reports", key: "a/b.csv", body: [1], contentType: "text/csv", encryption: nil)
        try await S3Client(client: client, region: "eu-west-1").putObject(
            bucket: "my.reports", key: "a/b.csv", body: [1], contentType: "text/csv", encryption: nil)
        #expect(s3.sent.map(\.url.absoluteString) == [
            "https://reports.s3.eu-west-1.amazonaws.com/a/b.csv", "https://s3.eu-west-1.amazonaws.com/my.reports/a/b.csv",
        ])
        #expect(s3.sent.first?.header("Host") == "reports.s3.eu-west-1.amazonaws.com")
        // AWS_ENDPOINT_URL_S3 is an endpoint the user named: path-style there.
        let named = try s3.client(endpoint: nil, environment: ["AWS_ENDPOINT_URL_S3": "http://localhost:4566"])
        try await S3Client(client: named, region: "eu-west-1").putObject(
            bucket: "reports", key: "k", body: [], contentType: "text/csv", encryption: nil)
        #expect(s3.sent.last?.url.absoluteString == "http://localhost:4566/reports/k")
    }

    @Test func aLargeReportGoesUpInPartsCompletedInOrder() async throws {
        let s3 = FakeS3()
        let body = Data((0..<(11 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let stored = try await uploader(s3, sse: .s3Managed).upload([UploadSource(name: "report.xlsx", data: body)], asOf: Self.asOf)
        #expect(stored.first?.parts == 3)
        let sent = s3.sent
        let create = try #require(sent.first)
        #expect(create.method == "POST" && create.has("uploads"))
        #expect(create.header("Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(create.header("x-amz-server-side-encryption") == "AES256")
        let parts = sent.filter { $0.method == "PUT" }.sorted {
            ($0.query.first { $0.name == "partNumber" }?.value ?? "") < ($1.query.first { $0.name == "partNumber" }?.value ?? "")
        }
        #expect(parts.map(\.body.count) == [5 << 20, 5 << 20, 1 << 20])
        #expect(parts.flatMap(\.body) == Array(body), "the parts are the file, in order")
        #expect(parts.allSatisfy { $0.query.contains { $0.name == "uploadId" && $0.value == "up&1" } })
        #expect(parts.allSatisfy { $0.header("x-amz-server-side-encryption") == nil }, "the upload carries the SSE")
        let complete = try #require(sent.last)
        #expect(complete.method == "POST" && complete.has("uploadId"))
        let xml = String(decoding: complete.body, as: UTF8.self)
        #expect(xml.contains(
            "<Part><ETag>&quot;etag-1&quot;</ETag><PartNumber>1</PartNumber></Part><Part><ETag>&quot;etag-2&quot;</ETag><PartNumber>2</PartNumber></Part><Part><ETag>&quot;etag-3&quot;</ETag><PartNumber>3</PartNumber></Part>"
        ))
        #expect(!sent.contains { $0.method == "DELETE" })
    }

    @Test func aFailedPartAbortsTheUploadAndSaysWhere() async throws {
        let s3 = FakeS3 { sent in
            sent.query.contains { $0.name == "partNumber" && $0.value == "2" }
                ? HTTPResponse(status: 500, headers: [], body: Array("<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>".utf8))
                : nil
        }
        let body = Data(repeating: 7, count: 11 << 20)
        let error = await #expect(throws: S3UploadError.self) {
            _ = try await uploader(s3).upload([UploadSource(name: "jobs.csv", data: Data("a".utf8)), UploadSource(name: "report.html", data: body)], asOf: Self.asOf)
        }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("report.html could not be stored at s3://reports/macie/2026-11-24/report.html: InternalError (HTTP 500)"))
        #expect(text.hasSuffix("1 of 2 reports were stored before it"))
        let aborts = s3.sent.filter { $0.method == "DELETE" }
        #expect(aborts.count == 1 && aborts.first?.query.contains { $0.name == "uploadId" && $0.value == "up&1" } == true)
        #expect(s3.sent.last?.method == "DELETE", "aborted after every part in flight had ended")
        #expect(!s3.sent.contains { $0.method == "POST" && $0.has("uploadId") }, "never completed")
    }

    @Test func anErrorInsideA200CompleteIsAFailureAndAborts() async throws {
        let s3 = FakeS3 { sent in
            sent.method == "POST" && sent.has("uploadId")
                ? HTTPResponse(status: 200, headers: [], body: Array("<Error><Code>InternalError</Code><Message>late</Message></Error>".utf8))
                : nil
        }
        let error = await #expect(throws: S3UploadError.self) {
            _ = try await uploader(s3, threshold: 1).upload([UploadSource(name: "summary.csv", data: Data("x".utf8))], asOf: Self.asOf)
        }
        #expect(error?.description.contains("S3 CompleteMultipartUpload failed after answering 200: InternalError: late") == true)
        #expect(s3.sent.filter { $0.method == "POST" && $0.has("uploadId") }.count == 3, "tried three times")
        #expect(s3.sent.last?.method == "DELETE")
    }

    @Test func aLate200ErrorIsRetriedAndAFileOfExactlyTheThresholdIsOnePart() async throws {
        final class Once: @unchecked Sendable {
            let lock = NSLock()
            var failed = false
            func first() -> Bool { lock.withLock { defer { failed = true }; return !failed } }
        }
        let once = Once()
        let s3 = FakeS3 { sent in
            sent.method == "POST" && sent.has("uploadId") && once.first()
                ? HTTPResponse(status: 200, headers: [], body: Array("<Error><Code>InternalError</Code></Error>".utf8))
                : nil
        }
        let stored = try await uploader(s3, threshold: 3).upload(
            [UploadSource(name: "summary.csv", data: Data("abc".utf8)), UploadSource(name: "errors.csv", data: Data())],
            asOf: Self.asOf)
        #expect(stored.map(\.multipart) == [true, false], "3 bytes at a threshold of 3; an empty file is a PutObject")
        #expect(stored.map(\.parts) == [1, 1])
        #expect(s3.sent.filter { $0.method == "POST" && $0.has("uploadId") }.count == 2)
        #expect(!s3.sent.contains { $0.method == "DELETE" })
        #expect(s3.sent.last?.method == "PUT" && s3.sent.last?.body == [], "the empty file, whole")
    }

    /// AWS's own example of a presigned S3 URL (the S3 API reference, "Authenticating Requests:
    /// Using Query Parameters"): GET examplebucket/test.txt for 86 400 seconds on 24 May 2013.
    @Test func awsPublishedPresignedExample() {
        let signer = SigV4Signer(
            credentials: AWSCredentials(
                accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            scope: .s3(region: "us-east-1"))
        let signed = signer.presign(
            SigningRequest(
                method: "GET", path: "/test.txt", headers: [("Host", "examplebucket.s3.amazonaws.com")],
                payloadHash: SigV4.unsignedPayload),
            date: Date(timeIntervalSince1970: 1_369_353_600), expires: 86_400)
        #expect(
            signed.query.first { $0.name == "X-Amz-Signature" }?.value
                == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    @Test func deniedNamesThePermissionAndAWrongRegionTheFlag() async throws {
        let denied = FakeS3 { _ in
            HTTPResponse(status: 403, headers: [], body: Array("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>".utf8))
        }
        let refusal = await #expect(throws: S3UploadError.self) {
            _ = try await uploader(denied).upload([UploadSource(name: "jobs.csv", data: Data("a".utf8))], asOf: Self.asOf)
        }
        #expect(refusal?.description.contains("AccessDenied (HTTP 403): Access Denied (grant s3:PutObject on the prefix") == true)
        let moved = FakeS3 { _ in
            HTTPResponse(
                status: 301, headers: [("x-amz-bucket-region", "ap-south-1")],
                body: Array("<Error><Code>PermanentRedirect</Code><Message>Use the right endpoint.</Message></Error>".utf8))
        }
        let wrongRegion = await #expect(throws: S3UploadError.self) {
            _ = try await uploader(moved).upload([UploadSource(name: "jobs.csv", data: Data("a".utf8))], asOf: Self.asOf)
        }
        #expect(wrongRegion?.description.contains("(the bucket is in region ap-south-1) (give the bucket's region with --s3-region)") == true)
    }

    @Test func presignedLinksCarryTheirSignatureAndExpiry() async throws {
        let s3 = FakeS3()
        let link = try await S3Client(client: try s3.client(), region: "eu-west-1").presignedGet(
            bucket: "reports", key: "macie/2026-11-24/report.xlsx", seconds: 604_800)
        let query = SigningRequest.parseQuery(link.url.query ?? "")
        func value(_ name: String) -> String? { query.first { $0.name == name }?.value }
        #expect(link.url.path(percentEncoded: true) == "/reports/macie/2026-11-24/report.xlsx")
        #expect(value("X-Amz-Expires") == "604800" && value("X-Amz-SignedHeaders") == "host")
        #expect(value("X-Amz-Credential")?.hasPrefix("AKIDS3TEST/") == true && value("X-Amz-Signature")?.count == 64)
        #expect(link.credentialsExpire == nil, "long-lived keys")
        #expect(s3.sent.isEmpty, "presigning sends nothing")
        await #expect(throws: AWSError.self) {
            _ = try await S3Client(client: try s3.client(), region: "eu-west-1").presignedGet(
                bucket: "reports", key: "k", seconds: 604_801)
        }
    }
}
