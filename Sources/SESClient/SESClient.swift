import AWSClient
import Foundation

/// SES v2's SendEmail with Raw content, as a thin table over the run's `AWSClient`
/// (rest-json, signing name `ses`, host prefix `email`, `AWS_ENDPOINT_URL_SESV2`): the report
/// email goes out as the very MIME bytes SMTP or sendmail would carry, so every transport
/// sends the same message.
///
/// What can go wrong is said by ``SESError``, one line that says what to do: an unverified
/// sender, a paused or suspended account, a quota, a missing `ses:SendEmail`, or a message over
/// ``maximumMessageBytes`` (checked here, before any request, so a 50 MB upload is not spent
/// on a refusal).
public struct SESClient: Sendable {
    /// SES v2 as `sesv2-service-2.json` describes it: signing name `ses`, endpoint prefix
    /// `email`, service id `SESv2`, rest-json.
    public static let service = AWSService(
        signingName: "ses", endpointPrefix: "email", serviceId: "SESv2", wireProtocol: .restJSON)

    /// The largest message SES v2 takes: 40 MB, counted on the MIME message as sent
    /// (attachments already base64), not on the JSON around it. The figure is the "Using the
    /// SES v2 API or SMTP - Maximum message size (including attachments)" row of the SES
    /// developer guide's quotas page (https://docs.aws.amazon.com/ses/latest/dg/quotas.html),
    /// not adjustable; the 10 MB found in older pages and in the service model's sister API
    /// (SES v1's SendRawEmail) does not apply to v2.
    public static let maximumMessageBytes = 40 * 1024 * 1024

    /// The most recipients (To, Cc and Bcc together) SES takes for one message, by the same page.
    public static let maximumRecipients = 50

    /// The run's shared client: its connection pool, credentials and retry quota.
    public let client: AWSClient
    /// The region whose SES sends (where the sender identity is verified).
    public let region: String

    /// Cheap; the region is checked when the call resolves its endpoint.
    public init(client: AWSClient, region: String) {
        self.client = client
        self.region = region
    }

    /// SendEmail (`POST /v2/email/outbound-emails`) with `Content.Raw.Data` set to `message`,
    /// the envelope sender `from` and the recipients `to` (addr-specs, `local@domain`).
    /// Returns SES's `MessageId`: accepted for sending, which is not yet delivered.
    ///
    /// A message over ``maximumMessageBytes`` or more than ``maximumRecipients`` recipients is
    /// refused before any request. Throttling (`TooManyRequestsException`) has already been
    /// retried by the client when it is thrown here.
    public func sendRawEmail(_ message: [UInt8], from: String, to: [String]) async throws(SESError) -> String {
        guard message.count <= Self.maximumMessageBytes else { throw .tooLarge(bytes: message.count) }
        guard !to.isEmpty else { throw .noRecipients }
        guard to.count <= Self.maximumRecipients else { throw .tooManyRecipients(to.count) }
        let request = SendEmailRequest(
            fromEmailAddress: from, destination: .init(toAddresses: to), content: .init(raw: .init(data: Data(message))))
        let body: Data
        do {
            body = try JSONEncoder.sesV2.encode(request)
        } catch {
            throw .malformed("the SendEmail request could not be encoded: \(error)")
        }
        let answer: HTTPResponse
        do {
            answer = try await client.send(
                .restJSON("SendEmail", method: "POST", path: "/v2/email/outbound-emails", json: Array(body)),
                to: Self.service, region: region)
        } catch let error as AWSError {
            throw SESError(error, region: region)
        } catch {
            throw .other("SES SendEmail in \(region) failed: \(error)")
        }
        guard let response = try? JSONDecoder().decode(SendEmailResponse.self, from: Data(answer.body)),
            let id = response.messageId, !id.isEmpty
        else {
            throw .malformed(
                "SES SendEmail in \(region) answered without a MessageId, so it is not known whether the message was accepted; check the SES sending statistics before sending again"
            )
        }
        return id
    }
}

extension JSONEncoder {
    /// Keys in a fixed order (tests compare the request), blobs as standard base64 (the
    /// protocol's blob encoding), slashes unescaped.
    fileprivate static var sesV2: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dataEncodingStrategy = .base64
        return encoder
    }
}
