import AWSSigV4
import Crypto
import Foundation
import Testing

@testable import Macie2Emulator

/// S3's multipart upload as the emulator plays it: the rules CompleteMultipartUpload checks,
/// the multipart ETag, abort, the pending count, and `--s3-fail-part`.
@Suite struct S3MultipartTests {
    typealias R = S3Requests
    let client = S3Requests()
    static let mebibytes5 = 5 * 1024 * 1024

    func send(_ service: Macie2Service, _ request: EmulatorRequest) -> EmulatorResponse {
        SignedRequests.response(service.handle(request))
    }

    func create(_ service: Macie2Service, _ key: String = "big.xlsx") throws -> String {
        let answer = send(
            service, client.s3("POST", "/reports/\(key)", query: "uploads", headers: [("Content-Type", "text/csv")]))
        #expect(answer.status == 200)
        return try #require(SignedRequests.element("UploadId", in: SignedRequests.text(answer)))
    }

    func upload(_ service: Macie2Service, _ uploadId: String, _ number: Int, _ bytes: [UInt8], key: String = "big.xlsx")
        -> EmulatorResponse
    {
        send(service, client.s3("PUT", "/reports/\(key)", query: "partNumber=\(number)&uploadId=\(uploadId)", body: bytes))
    }

    func complete(_ service: Macie2Service, _ uploadId: String, _ parts: [(Int, String)], key: String = "big.xlsx")
        -> EmulatorResponse
    {
        let body =
            #"<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
            + parts.map { "<Part><ETag>\($0.1)</ETag><PartNumber>\($0.0)</PartNumber></Part>" }.joined()
            + "</CompleteMultipartUpload>"
        return send(service, client.s3("POST", "/reports/\(key)", query: "uploadId=\(uploadId)", body: Array(body.utf8)))
    }

    static func md5(_ bytes: [UInt8]) -> [UInt8] { Array(Insecure.MD5.hash(data: bytes)) }
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func twoFullPartsAndASmallLastOneMakeTheObjectWithTheMultipartETag() throws {
        let service = S3ServiceTests.service()
        let uploadId = try create(service)
        #expect(service.counters.pendingMultipartUploads == 1)
        let parts = [
            [UInt8](repeating: 0x41, count: Self.mebibytes5), [UInt8](repeating: 0x42, count: Self.mebibytes5),
            Array("tail".utf8),
        ]
        var etags: [String] = []
        for (index, part) in parts.enumerated() {
            let answer = upload(service, uploadId, index + 1, part)
            #expect(answer.status == 200)
            etags.append(try #require(R.header("ETag", answer)))
        }
        #expect(etags[2] == "\"\(Self.hex(Self.md5(Array("tail".utf8))))\"")
        let done = complete(service, uploadId, [(1, etags[0]), (2, etags[1]), (3, etags[2])])
        #expect(done.status == 200)
        let expected = "\"\(Self.hex(Self.md5(parts.flatMap(Self.md5))))-3\""
        let xml = SignedRequests.text(done)
        #expect(xml.contains("<CompleteMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"))
        #expect(SignedRequests.element("ETag", in: xml) == expected.replacingOccurrences(of: "\"", with: "&quot;"))
        #expect(SignedRequests.element("Key", in: xml) == "big.xlsx")
        let get = send(service, client.s3("GET", "/reports/big.xlsx"))
        #expect(get.body == parts.flatMap { $0 })
        #expect(R.header("ETag", get) == expected)
        #expect(R.header("Content-Type", get) == "text/csv")
        #expect(service.counters.pendingMultipartUploads == 0)
        #expect(service.counters.requests["UploadPart"] == 3 && service.counters.requests["CompleteMultipartUpload"] == 1)
    }

    @Test func completeChecksOrderPartsAndSizesAndLeavesTheUploadPendingWhenItRefuses() throws {
        let service = S3ServiceTests.service()
        let uploadId = try create(service)
        let small = try #require(R.header("ETag", upload(service, uploadId, 1, Array("small".utf8))))
        let last = try #require(R.header("ETag", upload(service, uploadId, 2, Array("last".utf8))))
        let tooSmall = complete(service, uploadId, [(1, small), (2, last)])
        #expect(tooSmall.status == 400)
        #expect(R.code(tooSmall) == "EntityTooSmall")
        #expect(SignedRequests.element("ProposedSize", in: SignedRequests.text(tooSmall)) == "5")
        #expect(SignedRequests.element("MinSizeAllowed", in: SignedRequests.text(tooSmall)) == "5242880")
        #expect(R.code(complete(service, uploadId, [(2, last), (1, small)])) == "InvalidPartOrder")
        #expect(R.code(complete(service, uploadId, [(1, small), (3, last)])) == "InvalidPart")
        #expect(R.code(complete(service, uploadId, [(1, last)])) == "InvalidPart")
        #expect(R.code(complete(service, uploadId, [])) == "MalformedXML")
        // A single small part is the last part: allowed.
        #expect(complete(service, uploadId, [(1, small)]).status == 200)
        #expect(SignedRequests.text(send(service, client.s3("GET", "/reports/big.xlsx"))) == "small")
    }

    @Test func abortDropsTheUploadAndListMultipartUploadsShowsWhatIsPending() throws {
        let service = S3ServiceTests.service()
        let kept = try create(service, "kept.csv")
        let aborted = try create(service, "aborted.csv")
        let listed = SignedRequests.text(send(service, client.s3("GET", "/reports", query: "uploads")))
        #expect(listed.contains("<ListMultipartUploadsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"))
        #expect(listed.components(separatedBy: "<Upload>").count == 3)
        #expect(service.counters.pendingMultipartUploads == 2)
        let abort = send(service, client.s3("DELETE", "/reports/aborted.csv", query: "uploadId=\(aborted)"))
        #expect(abort.status == 204 && abort.body.isEmpty)
        let again = send(service, client.s3("DELETE", "/reports/aborted.csv", query: "uploadId=\(aborted)"))
        #expect(again.status == 404 && R.code(again) == "NoSuchUpload")
        #expect(R.code(upload(service, aborted, 1, [1], key: "aborted.csv")) == "NoSuchUpload")
        // An upload id is its key's: used on another key it does not exist.
        #expect(R.code(send(service, client.s3("DELETE", "/reports/other.csv", query: "uploadId=\(kept)"))) == "NoSuchUpload")
        let after = SignedRequests.text(send(service, client.s3("GET", "/reports", query: "uploads")))
        #expect(SignedRequests.element("UploadId", in: after) == kept)
        #expect(SignedRequests.element("Key", in: after) == "kept.csv")
        #expect(service.counters.pendingMultipartUploads == 1)
    }

    @Test func s3FailPartAnswersInternalErrorEveryTimeUntilTheClientAborts() throws {
        var faults = FaultOptions()
        faults.s3FailPart = 2
        let service = S3ServiceTests.service(faults: faults)
        let uploadId = try create(service)
        #expect(upload(service, uploadId, 1, [1]).status == 200)
        for _ in 0..<3 {
            let failed = upload(service, uploadId, 2, [2])
            #expect(failed.status == 500 && R.code(failed) == "InternalError")
        }
        #expect(service.counters.faults["s3FailPart"] == 3)
        #expect(service.counters.pendingMultipartUploads == 1)
        #expect(send(service, client.s3("DELETE", "/reports/big.xlsx", query: "uploadId=\(uploadId)")).status == 204)
        #expect(service.counters.pendingMultipartUploads == 0)
    }
}
