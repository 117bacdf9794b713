import AWSSigV4
import Foundation

/// STS as the emulator speaks it: the query protocol (a form `POST /` with `Action` and
/// `Version`), XML answers, and errors as `<ErrorResponse><Error><Code>`, as botocore parses
/// them. GetCallerIdentity says which account the credentials belong to.
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

    static func answer(_ action: String?, accountId: String, request: EmulatorRequest) -> EmulatorResponse {
        let parameters = parameters(request)
        guard parameters["Version"] == version else {
            return error(
                "InvalidAction", 400, "Could not find operation \(action ?? "") for version \(parameters["Version"] ?? "")")
        }
        switch action {
        case "GetCallerIdentity":
            let key = accessKeyId(request) ?? "AIDAEMULATOR"
            return xml(
                """
                <GetCallerIdentityResponse xmlns="\(namespace)">
                  <GetCallerIdentityResult>
                    <Arn>arn:aws:iam::\(accountId):user/macie-report</Arn>
                    <UserId>\(escaped(key))</UserId>
                    <Account>\(accountId)</Account>
                  </GetCallerIdentityResult>
                  <ResponseMetadata><RequestId>\(UUID().uuidString.lowercased())</RequestId></ResponseMetadata>
                </GetCallerIdentityResponse>
                """)
        default:
            return error("InvalidAction", 400, "Could not find operation \(action ?? "(none)") for version \(version)")
        }
    }

    /// A refused signature, in STS's words: the Macie2-style refusal's type mapped to STS's code.
    static func refusal(_ response: EmulatorResponse) -> EmulatorResponse {
        let type = response.headers.first { $0.name == "x-amzn-ErrorType" }?.value ?? ""
        let message =
            ((try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any])?["message"] as? String ?? ""
        let code: String
        switch type {
        case "MissingAuthenticationTokenException": code = "MissingAuthenticationToken"
        case "UnrecognizedClientException": code = "InvalidClientTokenId"
        default: code = "SignatureDoesNotMatch"
        }
        return error(code, response.status, message)
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

    static func accessKeyId(_ request: EmulatorRequest) -> String? {
        let authorization = request.headers.first { $0.name.lowercased() == "authorization" }?.value
        return authorization?.components(separatedBy: "Credential=").dropFirst().first?.split(separator: "/").first.map(
            String.init)
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
