import AWSSigV4
import Foundation
import Testing

/// AWS's Signature Version 4 test suite (aws-c-auth's v4 cases, vendored in
/// Resources/sigv4 with their licence and a NOTICE): for every case, the canonical request,
/// string to sign, signature and signed request, for both header signing and presigned (query)
/// signing. Every case folder is a case: one without its files fails, none is skipped.
@Suite struct ConformanceSuiteTests {
    /// How many case folders the vendored suite has. A different count (a folder lost or
    /// added, the resources not bundled) fails ``everyCaseIsThere()``.
    static let expectedCases = 38

    static let suite: URL =
        Bundle.module.url(forResource: "sigv4", withExtension: nil)
        ?? Bundle.module.bundleURL.appendingPathComponent("sigv4")

    /// Every folder of the suite, whatever it holds.
    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: suite.path)) ?? [])
            .filter { name in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: suite.appendingPathComponent(name).path, isDirectory: &isDirectory)
                    && isDirectory.boolValue
            }
            .sorted()
    }

    struct Case {
        let name: String
        let signer: SigV4Signer
        let request: SigningRequest
        let date: Date
        let expires: Int

        init(_ name: String) throws {
            self.name = name
            let folder = ConformanceSuiteTests.suite.appendingPathComponent(name)
            let context =
                try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("context.json")))
                as! [String: Any]
            let credentials = context["credentials"] as! [String: String]
            signer = SigV4Signer(
                credentials: AWSCredentials(
                    accessKeyId: credentials["access_key_id"]!, secretAccessKey: credentials["secret_access_key"]!,
                    sessionToken: credentials["token"]),
                scope: .init(
                    region: context["region"] as! String, service: context["service"] as! String,
                    normalizePath: context["normalize"] as! Bool),
                signBody: context["sign_body"] as! Bool, omitSessionToken: context["omit_session_token"] as? Bool ?? false)
            date = ISO8601DateFormatter().date(from: context["timestamp"] as! String)!
            expires = context["expiration_in_seconds"] as? Int ?? 0
            request = try RawHTTPRequest.parse(Data(contentsOf: folder.appendingPathComponent("request.txt")))
        }

        func expected(_ file: String) throws -> String {
            String(
                decoding: try Data(contentsOf: ConformanceSuiteTests.suite.appendingPathComponent("\(name)/\(file)")),
                as: UTF8.self)
        }
    }

    @Test func everyCaseIsThere() throws {
        #expect(Self.cases.count == Self.expectedCases, "AWS's SigV4 suite at \(Self.suite.path)")
        let files = [
            "context.json", "request.txt", "header-canonical-request.txt", "header-string-to-sign.txt",
            "header-signature.txt", "header-signed-request.txt", "query-canonical-request.txt",
            "query-string-to-sign.txt", "query-signature.txt", "query-signed-request.txt",
        ]
        for name in Self.cases {
            for file in files {
                #expect(
                    FileManager.default.fileExists(atPath: Self.suite.appendingPathComponent("\(name)/\(file)").path),
                    "\(name)/\(file)")
            }
        }
        let licence = try String(contentsOf: Self.suite.appendingPathComponent("LICENSE.aws-c-auth"), encoding: .utf8)
        #expect(licence.contains("Apache License") && licence.contains("Version 2.0"))
    }

    @Test(arguments: cases)
    func headerSigning(name: String) throws {
        let test = try Case(name)
        let signed = test.signer.sign(test.request, date: test.date)
        let authorization = try #require(signed.header("Authorization"))
        let names = authorization.components(separatedBy: "SignedHeaders=")[1].components(separatedBy: ",")[0]
            .split(separator: ";").map(String.init)
        let canonical = SigV4.canonicalRequest(signed, signedHeaders: names, scope: test.signer.scope)
        #expect(canonical == (try test.expected("header-canonical-request.txt")))
        let toSign = SigV4.stringToSign(canonicalRequest: canonical, date: test.date, scope: test.signer.scope)
        #expect(toSign == (try test.expected("header-string-to-sign.txt")))
        let signature = try test.expected("header-signature.txt")
        #expect(authorization.hasSuffix("Signature=\(signature)"))
        let expectedRequest = try RawHTTPRequest.parse(Data(try test.expected("header-signed-request.txt").utf8))
        #expect(
            Set(signed.headers.map { "\($0.name.lowercased()):\($0.value)" })
                == Set(expectedRequest.headers.map { "\($0.name.lowercased()):\($0.value)" }))
    }

    @Test(arguments: cases)
    func querySigning(name: String) throws {
        let test = try Case(name)
        let signed = test.signer.presign(test.request, date: test.date, expires: test.expires)
        let names = signed.query.first { $0.name == "X-Amz-SignedHeaders" }!.value.split(separator: ";").map(String.init)
        var unsigned = signed
        unsigned.query.removeAll {
            $0.name == "X-Amz-Signature" || (test.signer.omitSessionToken && $0.name == "X-Amz-Security-Token")
        }
        let canonical = SigV4.canonicalRequest(unsigned, signedHeaders: names, scope: test.signer.scope)
        #expect(canonical == (try test.expected("query-canonical-request.txt")))
        #expect(
            SigV4.stringToSign(canonicalRequest: canonical, date: test.date, scope: test.signer.scope)
                == (try test.expected("query-string-to-sign.txt")))
        #expect(signed.query.last?.value == (try test.expected("query-signature.txt")))
        let expectedRequest = try RawHTTPRequest.parse(Data(try test.expected("query-signed-request.txt").utf8))
        #expect(
            Dictionary(signed.query.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
                == Dictionary(expectedRequest.query.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }))
    }

    @Test(arguments: cases)
    func theVerifierAcceptsWhatTheSignerSigns(name: String) throws {
        let test = try Case(name)
        let signed = test.signer.sign(test.request, date: test.date)
        let verifier = SigV4Verifier(credentials: [test.signer.credentials], service: test.signer.scope.service)
        if test.signer.scope.normalizePath, !test.signer.omitSessionToken, !test.signer.signBody {
            let verified = try verifier.verify(signed, now: test.date)
            #expect(verified.region == "us-east-1")
        }
        var wrong = test.signer
        wrong.credentials.secretAccessKey += "x"
        let forged = wrong.sign(test.request, date: test.date)
        #expect(throws: SigV4Verifier.Failure.self) { try verifier.verify(forged, now: test.date) }
    }

    /// Query authentication, checked as S3 checks a presigned URL: accepted until it expires,
    /// then refused as expired; a wrong secret is refused as a mismatch.
    @Test(arguments: cases)
    func theVerifierAcceptsWhatTheSignerPresignsUntilItExpires(name: String) throws {
        let test = try Case(name)
        guard !test.signer.omitSessionToken else { return }
        let signed = test.signer.presign(test.request, date: test.date, expires: test.expires)
        let verifier = SigV4Verifier(
            credentials: [test.signer.credentials], service: test.signer.scope.service,
            normalizePath: test.signer.scope.normalizePath)
        #expect(try verifier.verifyPresigned(signed, now: test.date).region == "us-east-1")
        let late = test.date.addingTimeInterval(TimeInterval(test.expires + 1))
        let refusal = #expect(throws: SigV4Verifier.Failure.self) { try verifier.verifyPresigned(signed, now: late) }
        #expect(refusal?.kind == .expired && refusal?.message == "Request has expired")
        var wrong = test.signer
        wrong.credentials.secretAccessKey += "x"
        let forged = wrong.presign(test.request, date: test.date, expires: test.expires)
        #expect(throws: SigV4Verifier.Failure.self) { try verifier.verifyPresigned(forged, now: test.date) }
    }

    /// S3 signs the wire path as sent: a key's `%20` is not encoded again, so the S3 rules and
    /// the other services' give different signatures for the same request.
    @Test func s3SignsTheWirePathWithoutEncodingItAgain() throws {
        let request = SigningRequest(method: "GET", path: "/bucket/a%20b//c.txt", headers: [("Host", "s3.amazonaws.com")])
        let s3 = SigV4.Scope(region: "us-east-1", service: "s3", normalizePath: false, encodePathAgain: false)
        let canonical = SigV4.canonicalRequest(request, signedHeaders: ["host"], scope: s3)
        #expect(canonical.split(separator: "\n", omittingEmptySubsequences: false)[1] == "/bucket/a%20b//c.txt")
        let other = SigV4.canonicalRequest(request, signedHeaders: ["host"], scope: .init(region: "us-east-1", service: "s3"))
        #expect(other.split(separator: "\n", omittingEmptySubsequences: false)[1] == "/bucket/a%2520b/c.txt")
        let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret")
        let date = Date(timeIntervalSince1970: 1_440_938_160)
        let signed = SigV4Signer(credentials: credentials, scope: s3, signBody: true).sign(request, date: date)
        let verifier = SigV4Verifier(credentials: [credentials], service: "s3", normalizePath: false, encodePathAgain: false)
        #expect(try verifier.verify(signed, now: date).service == "s3")
        #expect(throws: SigV4Verifier.Failure.self) {
            try SigV4Verifier(credentials: [credentials], service: "s3").verify(signed, now: date)
        }
    }
}

/// The suite's request.txt: request line, headers (continuation lines start with white
/// space), a blank line, the body.
enum RawHTTPRequest {
    static func parse(_ data: Data) throws -> SigningRequest {
        let text = String(decoding: data, as: UTF8.self)
        let (head, body) =
            text.range(of: "\n\n").map { (String(text[..<$0.lowerBound]), String(text[$0.upperBound...])) } ?? (text, "")
        var lines = head.components(separatedBy: "\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        let target = requestLine.dropFirst().dropLast().joined(separator: " ")
        let (path, query) =
            target.firstIndex(of: "?").map { (String(target[..<$0]), String(target[target.index(after: $0)...])) } ?? (target, "")
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(
                    (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        return SigningRequest(
            method: String(requestLine[0]), path: path, query: SigningRequest.parseQuery(query), headers: headers,
            payloadHash: SigV4.payloadHash(Data(body.utf8)))
    }
}
