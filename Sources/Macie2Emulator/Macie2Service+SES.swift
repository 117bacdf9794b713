import Foundation

extension Macie2Service {
    /// An SES v2 request: only SendEmail (`POST /v2/email/outbound-emails`) is served, another
    /// path is UnknownOperationException (404). Order: signature (for `ses`), the body, then
    /// `--deny-ses` (IAM is evaluated against the sender identity, so the body is read first),
    /// then the identity check (`--ses-identity`), then the message is accepted: a MessageId,
    /// and a copy in `--ses-outbox`. Errors are rest-json (`x-amzn-ErrorType`, `message`).
    func ses(_ request: EmulatorRequest, delay: TimeInterval) -> EmulatorOutcome {
        guard request.method == "POST", request.path == "/v2/email/outbound-emails" else {
            tally.requests["unknown", default: 0] += 1
            return .respond(
                .error("UnknownOperationException", 404, "No SES v2 operation at \(request.method) \(request.path)."),
                delay: delay)
        }
        tally.requests["SendEmail", default: 0] += 1
        let authenticated: Authenticated
        switch authenticate(request, service: "ses") {
        case .success(let caller): authenticated = caller
        case .failure(let refusal): return .respond(refusal.response, delay: delay)
        }
        let (region, caller) = (authenticated.region, authenticated.caller)
        let message: SendEmailRequest
        do {
            message = try SendEmailRequest(json: request.body, maxBytes: delivery.sesMaxMessageBytes)
        } catch {
            tally.validationErrors += 1
            return .respond(.error(error.type, 400, error.message), delay: delay)
        }
        if faults.options.denySES {
            let resource = "arn:aws:ses:\(region):\(caller.accountId):identity/\(message.from)"
            return fault(
                "deniedSES",
                .error(
                    "AccessDeniedException", 403,
                    "User: \(caller.arn) is not authorized to perform: ses:SendEmail on resource: \(resource) because no identity-based policy allows the ses:SendEmail action"
                ), delay)
        }
        if !delivery.sesIdentities.isEmpty, !SendEmailRequest.isVerified(message.from, by: delivery.sesIdentities) {
            tally.validationErrors += 1
            return .respond(
                .error(
                    "MessageRejected", 400,
                    "Email address is not verified. The following identities failed the check in region \(region.uppercased()): \(message.from)"
                ), delay: delay)
        }
        // SES's shape (`0100…-…-000000`); unique across runs, so runs can share an outbox.
        let messageId = "0100" + UUID().uuidString.lowercased() + "-000000"
        if let outbox = delivery.sesOutbox {
            do {
                try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
                try Data(message.raw).write(to: outbox.appendingPathComponent("\(messageId).eml"), options: .atomic)
            } catch {
                return fault(
                    "unwritableOutbox",
                    .error(
                        "InternalFailure", 500,
                        "macie2-emulator cannot write the message to --ses-outbox \(outbox.path): \(error.localizedDescription)"
                    ), delay)
            }
        }
        let body = (try? JSONSerialization.data(withJSONObject: ["MessageId": messageId])) ?? Data()
        return .respond(.json(body), delay: delay)
    }
}
