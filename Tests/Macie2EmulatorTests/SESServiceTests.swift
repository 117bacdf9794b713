import AWSSigV4
import Foundation
import TestSupport
import Testing

@testable import Macie2Emulator

/// SES v2 SendEmail as the emulator plays it: raw messages only, kept in the outbox byte for
/// byte, the identity check and the size limit in SES's wording, and `--deny-ses`.
@Suite struct SESServiceTests {
    typealias R = S3Requests
    let client = S3Requests()
    static let message =
        "From: Macie Reports <reports@example.com>\r\nTo: \"Ops, Night\" <ops@example.com>\r\nSubject: Macie jobs\r\n"
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAll 30 jobs ran.\r\n"

    static func service(
        outbox: URL? = nil, identities: [String] = [], maxBytes: Int = DeliveryOptions.sesDefaultMaxMessageBytes,
        faults: FaultOptions = FaultOptions()
    ) -> Macie2Service {
        var delivery = DeliveryOptions()
        delivery.sesOutbox = outbox
        delivery.sesIdentities = identities
        delivery.sesMaxMessageBytes = maxBytes
        return Macie2Service(
            jobs: [:], credentials: [R.credentials], faults: faults, delivery: delivery, now: { R.now })
    }

    func send(_ service: Macie2Service, _ members: [String: Any]) -> EmulatorResponse {
        SignedRequests.response(service.handle(client.sendEmail(members)))
    }

    @Test func anAcceptedRawMessageIsKeptInTheOutboxByteForByte() throws {
        let outbox = try TestSupport.scratchDirectory("ses-outbox").appendingPathComponent("not/yet/made")
        let service = Self.service(outbox: outbox)
        let request = client.sendEmail(R.raw(Self.message))
        #expect(EmulatorRoute(request) == .ses)
        let answer = SignedRequests.response(service.handle(request))
        #expect(answer.status == 200)
        let messageId = try #require(SignedRequests.json(answer)["MessageId"] as? String)
        #expect(messageId.hasPrefix("0100") && messageId.hasSuffix("-000000"))
        let kept = try Data(contentsOf: outbox.appendingPathComponent("\(messageId).eml"))
        #expect(kept == Data(Self.message.utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox.path) == ["\(messageId).eml"])
        #expect(service.counters.requests["SendEmail"] == 1)
    }

    @Test func aSenderThatIsNotAVerifiedIdentityIsMessageRejectedInSESsWording() throws {
        let service = Self.service(identities: ["reports@example.com", "alerts.example.org"])
        #expect(send(service, R.raw(Self.message)).status == 200)
        #expect(send(service, R.raw(Self.message, from: "Night <night@alerts.example.org>")).status == 200)
        let refused = send(service, R.raw(Self.message, from: "intruder@example.net"))
        #expect(refused.status == 400)
        #expect(SignedRequests.errorType(refused) == "MessageRejected")
        #expect(
            SignedRequests.json(refused)["message"] as? String
                == "Email address is not verified. The following identities failed the check in region US-EAST-1: intruder@example.net"
        )
        let fromHeader = Self.message.replacingOccurrences(of: "reports@example.com", with: "other@example.com")
        #expect(SignedRequests.errorType(send(service, R.raw(fromHeader))) == "MessageRejected")
    }

    @Test func aMessageOverTheLimitIsRejectedNamingTheLimit() throws {
        let service = Self.service(maxBytes: 64)
        let refused = send(service, R.raw(Self.message))
        #expect(refused.status == 400)
        #expect(SignedRequests.errorType(refused) == "MessageRejected")
        #expect(
            SignedRequests.json(refused)["message"] as? String
                == "Message length is more than 64 bytes long: '\(Self.message.utf8.count)'.")
    }

    @Test func simpleContentOrNoRecipientIsBadRequest() throws {
        let service = Self.service()
        let simple: [String: Any] = [
            "FromEmailAddress": "reports@example.com", "Destination": ["ToAddresses": ["ops@example.com"]],
            "Content": ["Simple": ["Subject": ["Data": "s"], "Body": ["Text": ["Data": "b"]]]],
        ]
        #expect(SignedRequests.errorType(send(service, simple)) == "BadRequestException")
        let noRecipient = Self.message.replacingOccurrences(of: "To: \"Ops, Night\" <ops@example.com>\r\n", with: "")
        let refused = send(service, R.raw(noRecipient))
        #expect(refused.status == 400 && SignedRequests.errorType(refused) == "BadRequestException")
        #expect(send(service, R.raw(noRecipient, to: ["ops@example.com"])).status == 200)
    }

    @Test func denySESIsAccessDeniedException() throws {
        var faults = FaultOptions()
        faults.denySES = true
        let outbox = try TestSupport.scratchDirectory("ses-denied")
        let service = Self.service(outbox: outbox, faults: faults)
        let refused = send(service, R.raw(Self.message))
        #expect(refused.status == 403)
        #expect(SignedRequests.errorType(refused) == "AccessDeniedException")
        #expect((SignedRequests.json(refused)["message"] as? String)?.contains("ses:SendEmail") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox.path).isEmpty)
        #expect(service.counters.faults["deniedSES"] == 1)
    }

    @Test func addressListsSplitOnlyOutsideQuotesAndAngles() {
        #expect(
            SendEmailRequest.addresses(in: #""Ops, Night" <ops@example.com>, b@example.com, undisclosed-recipients:;"#)
                == ["ops@example.com", "b@example.com"])
    }
}
