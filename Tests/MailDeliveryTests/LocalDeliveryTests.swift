import Foundation
import MailDelivery
import TestSupport
import Testing

/// sendmail and .eml: a fake sendmail script records its arguments and input.
@Suite struct LocalDeliveryTests {
    let mail = EncodedMail(
        sender: "r@example.com", recipients: ["a@example.org"],
        bytes: Array("To: a@example.org\r\nSubject: x\r\n\r\n.\r\nline\r\n".utf8) + (0..<200_000).map { _ in UInt8(ascii: "y") })

    func script(_ body: String) throws -> (path: String, folder: URL) {
        try TestSupport.shellScript(body, label: "sendmail")
    }

    @Test func sendmailGetsDashTAndTheMessageOnStdin() async throws {
        let fake = try script("printf '%s\\n' \"$@\" > \"$(dirname \"$0\")/argv\"; cat > \"$(dirname \"$0\")/stdin\"")
        try await SendmailTransport(path: fake.path).send(mail)
        let argv = try String(contentsOf: fake.folder.appendingPathComponent("argv"), encoding: .utf8)
        #expect(argv == "-t\n-i\n")
        #expect(try Data(contentsOf: fake.folder.appendingPathComponent("stdin")) == Data(mail.bytes))
    }

    @Test func aFailingSendmailIsOneLineWithItsStatusAndFirstStderrLine() async throws {
        let fake = try script("cat > /dev/null; echo 'sendmail: no such user' >&2; echo 'second line' >&2; exit 67")
        await #expect {
            try await SendmailTransport(path: fake.path).send(mail)
        } throws: { error in
            (error as! MailError).description == "--sendmail \(fake.path) exited with status 67: sendmail: no such user"
        }
    }

    @Test func aSendmailThatReadsNothingFailsWithoutKillingUs() async throws {
        let fake = try script("echo 'refusing' >&2; exit 1")
        await #expect {
            try await SendmailTransport(path: fake.path).send(mail)
        } throws: { error in
            (error as! MailError).description.hasSuffix("exited with status 1: refusing")
        }
    }

    /// The child sleeps for 10 minutes; being stopped at the 1 s deadline shows as finishing
    /// long before that. The bound is far from the deadline so a loaded machine (the whole
    /// suite in parallel on 2 cores) cannot make it fail: only a send that waited for the
    /// child would.
    @Test func aHungSendmailIsStopped() async throws {
        let fake = try script("exec sleep 600")
        let start = Date()
        await #expect(throws: MailError.self) {
            try await SendmailTransport(path: fake.path, timeout: .seconds(1)).send(mail)
        }
        #expect(Date().timeIntervalSince(start) < 300)
    }

    @Test func aMissingSendmailSaysSo() async throws {
        await #expect {
            try await SendmailTransport(path: "/nonexistent/sendmail").send(mail)
        } throws: { error in
            (error as! MailError).description.hasPrefix("cannot run --sendmail /nonexistent/sendmail")
        }
    }

    @Test func emlIsWrittenWholeAndLeavesNoTemporaryFile() throws {
        let folder = try TestSupport.scratchDirectory("eml")
        let target = folder.appendingPathComponent("report.eml")
        try Data("old".utf8).write(to: target)
        try EMLFile.write(mail, to: target)
        #expect(try Data(contentsOf: target) == Data(mail.bytes))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.eml"])
        #expect(throws: MailError.self) { try EMLFile.write(mail, to: folder.appendingPathComponent("missing/report.eml")) }
    }
}
