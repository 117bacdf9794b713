import Foundation

/// The members of SES v2's `SendEmailRequest` the report email uses: the sender, the To
/// recipients, and the message as Raw MIME (a blob, so base64 in the JSON body).
struct SendEmailRequest: Encodable {
    var fromEmailAddress: String
    var destination: Destination
    var content: EmailContent

    enum CodingKeys: String, CodingKey {
        case fromEmailAddress = "FromEmailAddress"
        case destination = "Destination"
        case content = "Content"
    }

    struct Destination: Encodable {
        var toAddresses: [String]
        enum CodingKeys: String, CodingKey { case toAddresses = "ToAddresses" }
    }

    struct EmailContent: Encodable {
        var raw: RawMessage
        enum CodingKeys: String, CodingKey { case raw = "Raw" }
    }

    struct RawMessage: Encodable {
        var data: Data
        enum CodingKeys: String, CodingKey { case data = "Data" }
    }
}

/// SES v2's `SendEmailResponse`: the id SES gives an accepted message.
struct SendEmailResponse: Decodable {
    var messageId: String?
    enum CodingKeys: String, CodingKey { case messageId = "MessageId" }
}
