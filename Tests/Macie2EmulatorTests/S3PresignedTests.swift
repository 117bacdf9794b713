import AWSSigV4
import Foundation
import Testing

@testable import Macie2Emulator

/// Presigned GETs (query authentication) against the emulator's clock: accepted while valid,
/// refused once expired or when they ask for more than a week, as S3 words it.
@Suite struct S3PresignedTests {
    typealias R = S3Requests
    let client = S3Requests()

    func send(_ service: Macie2Service, _ request: EmulatorRequest) -> EmulatorResponse {
        SignedRequests.response(service.handle(request))
    }

    func serviceWithReport() -> Macie2Service {
        let service = S3ServiceTests.service()
        let put = send(service, client.s3("PUT", "/reports/2026/report%201.html", body: Array("<html>report</html>".utf8)))
        #expect(put.status == 200)
        return service
    }

    @Test func aPresignedURLWithinItsExpiryGetsTheObject() {
        let service = serviceWithReport()
        let answer = send(
            service,
            client.presignedGet("/reports/2026/report%201.html", signedAt: R.now.addingTimeInterval(-3599), expires: 3600))
        #expect(answer.status == 200)
        #expect(SignedRequests.text(answer) == "<html>report</html>")
        #expect(service.counters.signatureFailures == 0)
    }

    @Test func anExpiredPresignedURLIsAccessDenied() {
        let service = serviceWithReport()
        let answer = send(
            service,
            client.presignedGet("/reports/2026/report%201.html", signedAt: R.now.addingTimeInterval(-3601), expires: 3600))
        #expect(answer.status == 403)
        #expect(R.code(answer) == "AccessDenied")
        #expect(SignedRequests.element("Message", in: SignedRequests.text(answer)) == "Request has expired")
    }

    @Test func moreThanAWeekIsAnAuthorizationQueryParametersError() {
        let service = serviceWithReport()
        let answer = send(service, client.presignedGet("/reports/2026/report%201.html", signedAt: R.now, expires: 604_801))
        #expect(answer.status == 400)
        #expect(R.code(answer) == "AuthorizationQueryParametersError")
        #expect(
            SignedRequests.element("Message", in: SignedRequests.text(answer))
                == "X-Amz-Expires must be less than a week (in seconds) that is 604800")
    }

    @Test func aTamperedOrForeignPresignedURLIsRefused() {
        let service = serviceWithReport()
        var tampered = client.presignedGet("/reports/2026/report%201.html", signedAt: R.now, expires: 60)
        tampered.path = "/reports/2026/other.html"
        #expect(R.code(send(service, tampered)) == "SignatureDoesNotMatch")
        var stranger = client
        stranger.credentials = AWSCredentials(accessKeyId: "AKIDSTRANGER", secretAccessKey: "x")
        let foreign = send(service, stranger.presignedGet("/reports/2026/report%201.html", signedAt: R.now, expires: 60))
        #expect(foreign.status == 403 && R.code(foreign) == "InvalidAccessKeyId")
        #expect(service.counters.signatureFailures == 2)
    }
}
