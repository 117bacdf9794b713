import AWSSigV4
import Foundation

@testable import Macie2Emulator

/// Requests as an SDK sends them to each of the emulator's protocols, signed with one set of
/// credentials at one instant, and the answers taken apart (JSON members, XML elements).
struct SignedRequests {
    var credentials: AWSCredentials
    var date: Date

    init(_ credentials: AWSCredentials, at date: Date = Macie2ServiceTests.now) {
        self.credentials = credentials
        self.date = date
    }

    /// A credential set from AssumeRole's XML answer.
    init?(assumed response: EmulatorResponse, at date: Date = Macie2ServiceTests.now) {
        let xml = Self.text(response)
        guard let key = Self.element("AccessKeyId", in: xml), let secret = Self.element("SecretAccessKey", in: xml),
            let token = Self.element("SessionToken", in: xml)
        else { return nil }
        self.init(AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token), at: date)
    }

    func sign(
        _ method: String, _ path: String, query: [(String, String)] = [], headers: [(name: String, value: String)],
        body: String, region: String, service: String
    ) -> EmulatorRequest {
        let raw = query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let request = SigningRequest(
            method: method, path: path, query: SigningRequest.parseQuery(raw), headers: [("Host", "127.0.0.1")] + headers,
            payloadHash: SigV4.payloadHash(Data(body.utf8)))
        let signed = SigV4Signer(credentials: credentials, scope: .init(region: region, service: service)).sign(
            request, date: date)
        return EmulatorRequest(method: method, path: path, query: raw, headers: signed.headers, body: Array(body.utf8))
    }

    /// A Macie2 restJson1 request.
    func macie2(_ method: String, _ path: String, query: [(String, String)] = [], body: String = "", region: String = "us-east-1")
        -> EmulatorRequest
    {
        sign(
            method, path, query: query, headers: [("Content-Type", "application/json")], body: body, region: region,
            service: "macie2")
    }

    /// An STS query-protocol request: `Action`, `Version` and `parameters` as a form.
    func sts(_ action: String, _ parameters: [(String, String)] = [], region: String = "us-east-1") -> EmulatorRequest {
        let form = ([("Action", action), ("Version", "2011-06-15")] + parameters)
            .map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return sign(
            "POST", "/", headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: form,
            region: region, service: "sts")
    }

    /// An Organizations JSON 1.1 request.
    func organizations(_ operation: String, body: String = "{}", service: String = "organizations") -> EmulatorRequest {
        sign(
            "POST", "/",
            headers: [
                ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AWSOrganizationsV20161128.\(operation)"),
            ],
            body: body, region: "us-east-1", service: service)
    }

    static func response(_ outcome: EmulatorOutcome) -> EmulatorResponse {
        guard case .respond(let response, _) = outcome else {
            return EmulatorResponse(status: 0, headers: [], body: [])
        }
        return response
    }

    static func text(_ response: EmulatorResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    static func json(_ response: EmulatorResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    /// The restJson1 / JSON 1.1 error type of an answer.
    static func errorType(_ response: EmulatorResponse) -> String? {
        response.headers.first { $0.name == "x-amzn-ErrorType" }?.value
    }

    /// The text of the first `<name>` element.
    static func element(_ name: String, in xml: String) -> String? {
        guard let open = xml.range(of: "<\(name)>"),
            let close = xml.range(of: "</\(name)>", range: open.upperBound..<xml.endIndex)
        else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(
                charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"))
            ?? text
    }
}
