import AWSClient
import AWSSigV4
import Foundation
import JobFetch
import Logging
import MailDelivery
import ReportPipeline
import TestSupport
import Testing

@testable import MacieReportCLI

/// The email flags of issue 14: `--ses-region` sends the very message `--eml` writes through
/// SES v2; `--mail-links` replaces the attachments of a demo run with links, leaving a small
/// message whose body is still report.html; and the flags' usage errors.
@Suite struct MailLinksAndSESTests {
    static let asOf = Date(timeIntervalSince1970: 1_795_500_000)  // TestSupport.demoAsOf

    /// The demo samples run in process, with the written files read back as the run does for mail.
    static func demoRun() async throws -> (result: ReportPipeline.Result, folder: URL) {
        let folder = try TestSupport.scratchDirectory("mail-links")
        var options = ReportOptions(outputDirectory: folder.appendingPathComponent("out"), asOf: asOf)
        options.keepFileContents = true
        let result = try await ReportPipeline.run(
            source: SamplesJobSource(directory: TestSupport.demoSamples), options: options)
        return (result, folder)
    }

    static func links(_ result: ReportPipeline.Result) -> [ReportLink] {
        result.fileContents.map { file in
            let name = file.url.lastPathComponent
            return ReportLink(
                fileName: name,
                url: "https://reports.s3.eu-west-1.amazonaws.com/macie/\(name)?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                    + "&X-Amz-Credential=AKIDEXAMPLE%2F20261124%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Expires=604800"
                    + "&X-Amz-Signature=" + String(repeating: "ab", count: 32),
                bytes: file.data.count, expires: asOf.addingTimeInterval(7 * 86_400))
        }
    }

    /// The decoded body of the message's `text/html` part (base64 up to the next boundary line).
    static func htmlPart(_ message: [UInt8]) throws -> String {
        let text = String(decoding: message, as: UTF8.self)
        let head = "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        let start = try #require(text.range(of: head))
        let end = try #require(text.range(of: "\r\n--", range: start.upperBound..<text.endIndex))
        let base64 = text[start.upperBound..<end.lowerBound].replacingOccurrences(of: "\r\n", with: "")
        return String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
    }

    @Test func aDemoRunWithLinksIsASmallMessageWhoseBodyIsStillReportHTML() async throws {
        let (result, folder) = try await Self.demoRun()
        let links = Self.links(result)
        #expect(
            links.map(\.fileName).sorted() == [
                "coverage.csv", "errors.csv", "jobs.csv", "report.html", "report.xlsx", "summary.csv",
            ])
        let content = MailContent.make(result, links: links)
        #expect(content.attachments.isEmpty)
        let eml = folder.appendingPathComponent("links.eml")
        let options = try MailOptions.parse([
            "--mail-from", "reports@example.com", "--mail-to", "a@example.org", "--eml", eml.path, "--mail-links",
        ])
        try await options.deliver(content, environment: [:])
        let message = Array(try Data(contentsOf: eml))
        #expect(message.count < 200_000, "\(message.count) bytes")
        let text = String(decoding: message, as: UTF8.self)
        #expect(!text.contains("Content-Disposition"))
        #expect(!text.contains("multipart/mixed"))
        let reportHTML = try #require(result.fileContents.first { $0.url.lastPathComponent == "report.html" })
        let body = try Self.htmlPart(message)
        let block = ReportLinks.html(links)
        #expect(body.replacingOccurrences(of: "\n" + block, with: "") == String(decoding: reportHTML.data, as: UTF8.self))
        for link in links {
            #expect(body.contains(#"href="\#(link.url.replacingOccurrences(of: "&", with: "&amp;"))""#))
            #expect(content.text.contains(link.url))
        }
        #expect(content.text.contains("The links expire on Tue, 01 Dec 2026 06:00:00 +0000."))
        // Without links, the same run attaches every file but report.html.
        #expect(MailContent.make(result).attachments.map(\.filename).count == 5)
    }

    @Test func sesSendsTheMessageEMLWrites() async throws {
        let (result, folder) = try await Self.demoRun()
        let eml = folder.appendingPathComponent("ses.eml")
        let options = try MailOptions.parse([
            "--ses-region", "eu-west-1", "--mail-from", "Macie Reports <reports@example.com>", "--mail-to", "a@example.org",
            "--mail-to", "b@example.net", "--eml", eml.path,
        ])
        let transport = RecordingTransport(HTTPResponse(status: 200, body: Array(#"{"MessageId":"0100-abc"}"#.utf8)))
        let settings = AWSSettings(environment: [:], files: SharedConfigFiles(credentialsText: "", configText: ""))
        let client = AWSClient(
            settings: settings, transport: transport,
            credentials: RefreshingCredentials(GivenCredentials(AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "s"))),
            logger: Logger(label: "test"))
        let id = try await options.deliver(MailContent.make(result), environment: [:], aws: client)
        #expect(id == "0100-abc")
        let request = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(request.url.absoluteString == "https://email.eu-west-1.amazonaws.com/v2/email/outbound-emails")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
        #expect(json["FromEmailAddress"] as? String == "reports@example.com")
        #expect((json["Destination"] as? [String: Any])?["ToAddresses"] as? [String] == ["a@example.org", "b@example.net"])
        let data = ((json["Content"] as? [String: Any])?["Raw"] as? [String: Any])?["Data"] as? String
        let sent = try #require(data.flatMap { Data(base64Encoded: $0) })
        #expect(sent == (try Data(contentsOf: eml)))
        #expect(String(decoding: sent, as: UTF8.self).contains("Content-Disposition: attachment"))
    }

    @Test func sesWithoutTheRunsClientSaysWhatToDoInstead() async throws {
        let (result, _) = try await Self.demoRun()
        let options = try MailOptions.parse([
            "--ses-region", "eu-west-1", "--mail-from", "r@example.com", "--mail-to", "a@example.org",
        ])
        do {
            try await options.deliver(MailContent.make(result), environment: [:])
            Issue.record("sent without a client")
        } catch {
            #expect("\(error)".hasPrefix("--ses-region cannot send: this run has no AWS client"))
        }
    }

    static let mail = ["--mail-from", "r@example.com", "--mail-to", "a@example.org"]

    @Test(arguments: [
        (
            ["--ses-region", "eu-west-1", "--smtp-url", "smtp://h.example.com"] + mail,
            "--smtp-url and --ses-region are different ways to send; give one"
        ),
        (
            ["--ses-region", "eu-west-1", "--sendmail", "/bin/true"] + mail,
            "--sendmail and --ses-region are different ways to send; give one"
        ),
        (["--ses-region", "eu west 1"] + mail, "--ses-region 'eu west 1' is not an AWS region; write it like us-east-1"),
        (
            ["--ses-region", "eu-west-1", "--mail-to", "a@example.org"],
            "--smtp-url, --sendmail, --ses-region and --eml need --mail-from and at least one --mail-to"
        ),
        (
            ["--eml", "/tmp/x.eml", "--link-expiry-days", "3"] + mail,
            "--link-expiry-days is how long the --mail-links links work: it needs --mail-links"
        ),
        (
            ["--eml", "/tmp/x.eml", "--mail-links", "--link-expiry-days", "8"] + mail,
            "--link-expiry-days must be between 1 and 7 (a presigned URL works for at most 7 days), not 8"
        ),
        (
            ["--eml", "/tmp/x.eml", "--mail-links", "--link-expiry-days", "0"] + mail,
            "--link-expiry-days must be between 1 and 7 (a presigned URL works for at most 7 days), not 0"
        ),
        (
            ["--mail-links"],
            "--mail-to, --mail-from, --mail-subject, --smtp-ca-file and --mail-links need --smtp-url, --sendmail, --ses-region or --eml"
        ),
    ])
    func usageErrorsSayWhatToFix(_ arguments: [String], _ expected: String) {
        do {
            _ = try MailOptions.parse(arguments)
            Issue.record("accepted: \(arguments)")
        } catch {
            #expect(MailOptions.message(for: error) == expected)
        }
    }

    @Test func mailLinksNeedTheS3Upload() throws {
        let options = try MailOptions.parse(["--eml", "/tmp/x.eml", "--mail-links", "--link-expiry-days", "2"] + Self.mail)
        #expect(options.linkExpirySeconds == 172_800)
        #expect(throws: Error.self) { try options.validate(s3Configured: false) }
        try options.validate(s3Configured: true)
        #expect(try MailOptions.parse(["--eml", "/tmp/x.eml", "--mail-links"] + Self.mail).linkExpirySeconds == 604_800)
        // The run refuses it until --s3-uri is given.
        do {
            _ = try RunCommand.parse(
                [
                    "--samples", TestSupport.demoSamples.path, "--output-dir", try TestSupport.scratchDirectory("links").path,
                    "--eml", "/tmp/x.eml", "--mail-links",
                ] + Self.mail)
            Issue.record("--mail-links accepted without --s3-uri")
        } catch {
            #expect(RunCommand.message(for: error) == "--mail-links links to the reports uploaded by --s3-uri: give --s3-uri too")
        }
    }
}


/// Answers every request with one response, keeping the requests.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []
    let response: HTTPResponse
    init(_ response: HTTPResponse) { self.response = response }
    var requests: [HTTPRequest] { lock.withLock { sent } }
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { sent.append(request) }
        return response
    }
}
