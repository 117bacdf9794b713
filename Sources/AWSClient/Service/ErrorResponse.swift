import Foundation

/// Reads an error answer the way the service's protocol writes it.
///
/// - rest-json: the type in the `x-amzn-ErrorType` header (before any `:`), else `__type` or
///   `code` in the body; the message in `message` or `Message`.
/// - json 1.1: `__type` in the body (after any `#` namespace), else the header.
/// - query: `<ErrorResponse><Error><Code>…</Code><Message>…</Message></Error>`.
/// - rest-xml: `<Error><Code>…</Code><Message>…</Message></Error>`; a HEAD answer has no body,
///   so only its status names it.
///
/// An answer with none of these (a proxy's HTML page, an empty 404) is named by its status,
/// never guessed to be something else: a 404 without a type is "not found", not "access denied".
enum ErrorResponse {
    static func decode(_ response: HTTPResponse, _ wireProtocol: AWSProtocol) -> AWSError {
        var code: String?
        var message: String?
        switch wireProtocol {
        case .restJSON, .json:
            let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
            let fromBody = (json["__type"] as? String) ?? (json["code"] as? String) ?? (json["Code"] as? String)
            let fromHeader = response.header("x-amzn-ErrorType")
            if case .restJSON = wireProtocol { code = fromHeader ?? fromBody } else { code = fromBody ?? fromHeader }
            message = (json["message"] as? String) ?? (json["Message"] as? String) ?? (json["errorMessage"] as? String)
        case .query, .restXML:
            let xml = String(decoding: response.body.prefix(64 << 10), as: UTF8.self)
            code = XMLText.first("Code", in: xml)
            message = XMLText.first("Message", in: xml)
            // S3 names the bucket's own region when asked in another one (301, 400).
            if let region = response.header("x-amz-bucket-region"), AWSRegion.isValid(region) {
                message = (message ?? fallbackMessage(response)) + " (the bucket is in region \(region))"
            }
        }
        let shape = code.map(shapeName).flatMap { $0.isEmpty ? nil : $0 }
        let text = message ?? fallbackMessage(response)
        return .service(shape, status: response.status, message: text)
    }

    /// `aws.protocoltests#ThrottlingException:http://...` → `ThrottlingException`.
    static func shapeName(_ raw: String) -> String {
        var name = Substring(raw)
        if let colon = name.firstIndex(of: ":") { name = name[..<colon] }
        if let hash = name.lastIndex(of: "#") { name = name[name.index(after: hash)...] }
        return ServerText.oneLine(name.trimmingCharacters(in: .whitespaces), limit: 100)
    }

    /// What to say when the answer names no error: the status's meaning and the start of the body.
    static func fallbackMessage(_ response: HTTPResponse) -> String {
        let reason: String
        switch response.status {
        case 301, 302, 303, 307, 308:
            reason =
                "redirected to \(response.header("Location").map { ServerText.oneLine($0, limit: 120) } ?? "another place"); "
                + "redirects are not followed (is the endpoint or region right?)"
        case 400: reason = "bad request"
        case 401: reason = "unauthorized"
        case 403: reason = "forbidden"
        case 404: reason = "not found (is the endpoint right?)"
        case 429: reason = "too many requests"
        case 500...599: reason = "server error"
        default: reason = "unexpected status"
        }
        let body = ServerText.oneLine(String(decoding: response.body.prefix(2048), as: UTF8.self), limit: 120)
        return body.isEmpty ? reason : "\(reason): \(body)"
    }
}
