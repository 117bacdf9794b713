import AWSSigV4
import Foundation

/// STS as the emulator speaks it: the query protocol (a form `POST /` with `Action` and
/// `Version`), XML answers, and errors as `<ErrorResponse><Error><Code>`, as botocore parses
/// them. GetCallerIdentity says which account the credentials belong to; AssumeRole
/// (``AssumeRoleOperation``) issues credentials of another.
enum STSOperations {
    static let version = "2011-06-15"
    static let namespace = "https://sts.amazonaws.com/doc/\(version)/"

    /// A form-encoded POST: a query-protocol request, not a Macie2 one.
    static func isQuery(_ request: EmulatorRequest) -> Bool {
        let type = request.headers.first { $0.name.lowercased() == "content-type" }?.value.lowercased() ?? ""
        return type.hasPrefix("application/x-www-form-urlencoded")
    }

    static func parameters(_ request: EmulatorRequest) -> [String: String] {
        let form = String(decoding: request.body, as: UTF8.self).replacingOccurrences(of: "+", with: "%20")
        return Dictionary(SigningRequest.parseQuery(form).map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    static func action(_ request: EmulatorRequest) -> String? { parameters(request)["Action"] }

    /// GetCallerIdentity's answer: the account, ARN and user id of whoever signed the request.
    static func callerIdentity(_ caller: Caller) -> EmulatorResponse {
        xml(
            """
            <GetCallerIdentityResponse xmlns="\(namespace)">
              <GetCallerIdentityResult>
                <Arn>\(escaped(caller.arn))</Arn>
                <UserId>\(escaped(caller.userId))</UserId>
                <Account>\(caller.accountId)</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>\(UUID().uuidString.lowercased())</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """)
    }

    /// A refused signature or an expired token, in STS's words: the Macie2-style refusal's type
    /// mapped to STS's code (`ExpiredToken` is the one botocore refreshes credentials on).
    static func refusal(_ refusal: EmulatorResponse.Refusal) -> EmulatorResponse {
        let code: String
        switch refusal.type {
        case "MissingAuthenticationTokenException": code = "MissingAuthenticationToken"
        case "UnrecognizedClientException": code = "InvalidClientTokenId"
        case "ExpiredTokenException": code = "ExpiredToken"
        default: code = "SignatureDoesNotMatch"
        }
        return error(code, refusal.response.status, refusal.message)
    }

    static func error(_ code: String, _ status: Int, _ message: String) -> EmulatorResponse {
        var response = xml(
            """
            <ErrorResponse xmlns="\(namespace)">
              <Error><Type>Sender</Type><Code>\(code)</Code><Message>\(escaped(message))</Message></Error>
              <RequestId>\(UUID().uuidString.lowercased())</RequestId>
            </ErrorResponse>
            """)
        response.status = status
        return response
    }

    static func xml(_ text: String) -> EmulatorResponse {
        EmulatorResponse(status: 200, headers: [("Content-Type", "text/xml")], body: Array(text.utf8))
    }

    /// XML text escaping, the one the S3 answers use too.
    static func escaped(_ text: String) -> String { S3XML.escape(text) }
}
