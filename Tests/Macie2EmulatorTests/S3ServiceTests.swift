import AWSSigV4
import Crypto
import Foundation
import Testing

@testable import Macie2Emulator

/// The emulator's S3 without a socket: routing by signing name, S3's signing rules, objects
/// with their encryption, and the payload hash check.
@Suite struct S3ServiceTests {
    typealias R = S3Requests
    let client = S3Requests()

    static func service(
        buckets: Set<String> = ["reports", "jobs"], faults: FaultOptions = FaultOptions()
    ) -> Macie2Service {
        var delivery = DeliveryOptions()
        delivery.s3Buckets = buckets
        return Macie2Service(
            jobs: Macie2ServiceTests.demo, credentials: [R.credentials, Macie2ServiceTests.credentials], faults: faults,
            delivery: delivery, now: { R.now })
    }

    func send(_ service: Macie2Service, _ request: EmulatorRequest) -> EmulatorResponse {
        SignedRequests.response(service.handle(request))
    }

    @Test func s3IsRoutedByItsSigningNameSoABucketCalledJobsIsNotMacie2() throws {
        let service = Self.service()
        let put = client.s3("PUT", "/jobs/list", body: Array("not a job list".utf8))
        #expect(EmulatorRoute(put) == .s3)
        #expect(send(service, put).status == 200)
        let got = send(service, client.s3("GET", "/jobs/list"))
        #expect(SignedRequests.text(got) == "not a job list")
        #expect(EmulatorRoute(client.s3("GET", "/members")) == .s3)
        #expect(EmulatorRoute(client.presignedGet("/members/x", signedAt: R.now, expires: 60)) == .s3)
        // Macie2's own path, signed for macie2, still lists the jobs.
        let macie = SignedRequests(Macie2ServiceTests.credentials, at: R.now).macie2("POST", "/jobs/list", body: "{}")
        #expect(EmulatorRoute(macie) == .macie2(.listClassificationJobs))
        let jobs = SignedRequests.json(send(service, macie))
        #expect((jobs["items"] as? [Any])?.count == 30)
        #expect(service.counters.requests["PutObject"] == 1 && service.counters.requests["GetObject"] == 1)
        #expect(service.counters.requests["ListClassificationJobs"] == 1)
    }

    @Test func signatureVersion2IsS3sAndRefusedAsS3RefusesItWhereOnlySigV4IsTaken() throws {
        let service = Self.service()
        let presignedV2 = EmulatorRequest(
            method: "GET", path: "/reports/r.csv", query: "AWSAccessKeyId=AKIDS3TEST&Signature=abc%3D&Expires=1790000600")
        let headerV2 = EmulatorRequest(
            method: "GET", path: "/reports/r.csv", headers: [("Authorization", "AWS AKIDS3TEST:abc=")])
        for request in [presignedV2, headerV2] {
            #expect(EmulatorRoute(request) == .s3)
            let answer = send(service, request)
            #expect(answer.status == 400 && R.code(answer) == "InvalidRequest")
        }
    }

    @Test func putThenGetAndHeadReturnTheBytesTypeEncryptionAndETag() throws {
        let service = Self.service()
        let bytes = Array("PK\u{3}\u{4} report bytes \u{0}\u{ff}".utf8)
        let path = "/reports/2026%2011/r%C3%A9port%2Bfinal.xlsx"
        let headers: [(name: String, value: String)] = [
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("x-amz-server-side-encryption", "aws:kms"), ("x-amz-server-side-encryption-aws-kms-key-id", "alias/reports"),
        ]
        let put = send(service, client.s3("PUT", path, headers: headers, body: bytes))
        #expect(put.status == 200)
        let md5 = Insecure.MD5.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        #expect(R.header("ETag", put) == "\"\(md5)\"")
        #expect(R.header("x-amz-server-side-encryption", put) == "aws:kms")
        let get = send(service, client.s3("GET", path))
        #expect(get.status == 200)
        #expect(get.body == bytes)
        #expect(R.header("Content-Type", get) == headers[0].value)
        #expect(R.header("ETag", get) == "\"\(md5)\"")
        #expect(R.header("x-amz-server-side-encryption-aws-kms-key-id", get) == "alias/reports")
        let head = send(service, client.s3("HEAD", path))
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(R.header("Content-Length", head) == String(bytes.count))
        #expect(R.header("x-amz-server-side-encryption", head) == "aws:kms")
        // The key is stored decoded: the same object under its plain name.
        #expect((try? service.s3Store.object(bucket: "reports", key: "2026 11/réport+final.xlsx").bytes) == bytes)
    }

    @Test func aPathSignedWithTheOtherServicesDoubleEncodingIsRefused() throws {
        let service = Self.service()
        let doubled = client.s3(
            "PUT", "/reports/a%20b.csv", body: Array("x".utf8), scope: .init(region: "us-east-1", service: "s3"))
        let answer = send(service, doubled)
        #expect(answer.status == 403)
        #expect(R.code(answer) == "SignatureDoesNotMatch")
        #expect(service.counters.signatureFailures == 1)
    }

    @Test func aBodyThatIsNotTheSignedHashIsRefusedAndNotStored() throws {
        let service = Self.service()
        let claimed = SigV4.payloadHash(Data("the body that was signed".utf8))
        let answer = send(
            service, client.s3("PUT", "/reports/r.csv", body: Array("a different body".utf8), signedHash: claimed))
        #expect(answer.status == 400)
        #expect(R.code(answer) == "XAmzContentSHA256Mismatch")
        let xml = SignedRequests.text(answer)
        #expect(SignedRequests.element("ClientComputedContentSHA256", in: xml) == claimed)
        #expect(
            SignedRequests.element("S3ComputedContentSHA256", in: xml) == SigV4.payloadHash(Data("a different body".utf8)))
        #expect(R.code(send(service, client.s3("GET", "/reports/r.csv"))) == "NoSuchKey")
        let unsigned = client.s3("PUT", "/reports/r.csv", body: Array("any".utf8), signedHash: "UNSIGNED-PAYLOAD")
        #expect(send(service, unsigned).status == 200)
        let chunked = client.s3("PUT", "/reports/c.csv", body: [], signedHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
        #expect(R.code(send(service, chunked)) == "NotImplemented")
    }

    @Test func anUnknownEncryptionOrAKMSKeyWithoutKMSIsInvalidArgument() throws {
        let service = Self.service()
        for headers: [(name: String, value: String)] in [
            [("x-amz-server-side-encryption", "AES128")],
            [("x-amz-server-side-encryption", "AES256"), ("x-amz-server-side-encryption-aws-kms-key-id", "alias/k")],
            [("x-amz-server-side-encryption-aws-kms-key-id", "alias/k")],
        ] {
            let answer = send(service, client.s3("PUT", "/reports/e.csv", headers: headers, body: [1]))
            #expect(answer.status == 400)
            #expect(R.code(answer) == "InvalidArgument")
        }
        let plain = send(service, client.s3("PUT", "/reports/e.csv", body: [1]))
        #expect(R.header("x-amz-server-side-encryption", plain) == "AES256")
    }

    @Test func anotherBucketIsNoSuchBucketInS3sXMLAndAHeadHasNoBody() throws {
        let service = Self.service()
        let answer = send(service, client.s3("PUT", "/nowhere/r.csv", body: [1]))
        #expect(answer.status == 404)
        let xml = SignedRequests.text(answer)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code>"))
        #expect(SignedRequests.element("Message", in: xml) == "The specified bucket does not exist")
        #expect(SignedRequests.element("BucketName", in: xml) == "nowhere")
        #expect(SignedRequests.element("RequestId", in: xml) == R.header("x-amz-request-id", answer))
        let head = send(service, client.s3("HEAD", "/nowhere/r.csv"))
        #expect(head.status == 404 && head.body.isEmpty)
    }

    @Test func denyS3RefusesWritesButNotReadsOrAborts() throws {
        var faults = FaultOptions()
        faults.denyS3 = true
        let service = Self.service(faults: faults)
        let put = send(service, client.s3("PUT", "/reports/r.csv", body: [1]))
        #expect(put.status == 403)
        #expect(R.code(put) == "AccessDenied")
        #expect(SignedRequests.text(put).contains("s3:PutObject on resource: &quot;arn:aws:s3:::reports/r.csv&quot;"))
        #expect(R.code(send(service, client.s3("POST", "/reports/big", query: "uploads"))) == "AccessDenied")
        #expect(R.code(send(service, client.s3("GET", "/reports/r.csv"))) == "NoSuchKey")
        #expect(service.counters.faults["deniedS3"] == 2)
    }
}
