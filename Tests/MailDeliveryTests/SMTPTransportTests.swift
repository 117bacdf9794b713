import Foundation
import Testing

@testable import MailDelivery

/// The SMTP dialogue against a scripted server on loopback (TLS and AUTH are exercised
/// against a real server by Tests/interop/test_mail.py).
@Suite struct SMTPTransportTests {
    let mail = EncodedMail(
        sender: "r@example.com", recipients: ["a@example.org", "b@example.net"],
        bytes: Array("Subject: x\r\n\r\n.hidden\r\nbody\r\n".utf8))

    static func answer(ehlo: String = "250-test\r\n250-SIZE 1000000\r\n250 8BITMIME\r\n") -> @Sendable (String) -> String? {
        { line in
            switch line.split(separator: " ").first?.uppercased() ?? line {
            case "EHLO": return ehlo
            case "MAIL", "RCPT": return "250 ok\r\n"
            case "DATA": return "354 go ahead\r\n"
            case "<DATA>": return "250 2.0.0 queued\r\n"
            case "QUIT": return "221 bye\r\n"
            default: return "502 unexpected\r\n"
            }
        }
    }

    func transport(_ server: ScriptedSMTPServer, user: String? = nil, timeout: Duration = .seconds(5)) -> SMTPTransport {
        let url = SMTPURL(security: .startTLS, host: "127.0.0.1", port: server.port, user: user)
        let credentials = user.map { SMTPCredentials(user: $0, password: "pw-\($0)", passwordSource: "$PW") }
        return SMTPTransport(url: url, credentials: credentials, timeout: timeout, clientName: "client.test")
    }

    @Test func withoutAUserARelayWithoutSTARTTLSGetsTheMessageInClear() async throws {
        let server = try ScriptedSMTPServer(respond: Self.answer())
        defer { server.stop() }
        try await transport(server).send(mail)
        #expect(
            server.lines == [
                "EHLO client.test", "MAIL FROM:<r@example.com>", "RCPT TO:<a@example.org>", "RCPT TO:<b@example.net>", "DATA",
                "QUIT",
            ])
        #expect(server.dataBlocks == [Array("Subject: x\r\n\r\n..hidden\r\nbody\r\n".utf8)])
    }

    @Test func aPasswordIsNeverSentWithoutSTARTTLS() async throws {
        let server = try ScriptedSMTPServer(respond: Self.answer(ehlo: "250-test\r\n250 AUTH PLAIN LOGIN\r\n"))
        defer { server.stop() }
        await #expect {
            try await transport(server, user: "alice").send(mail)
        } throws: { error in
            (error as! MailError).description.contains("does not offer STARTTLS, and the password is never sent unencrypted")
        }
        #expect(server.lines == ["EHLO client.test"])
    }

    @Test func aRefusedRecipientNamesTheRecipientAndTheReply() async throws {
        let server = try ScriptedSMTPServer { line in
            line.hasPrefix("RCPT TO:<b@") ? "550-5.1.1 no such user\r\n550 5.1.1 really\r\n" : Self.answer()(line)
        }
        defer { server.stop() }
        await #expect {
            try await transport(server).send(mail)
        } throws: { error in
            (error as! MailError).description
                == "SMTP server 127.0.0.1:\(server.port) refused RCPT TO:<b@example.net>: 550 5.1.1 no such user / 5.1.1 really"
        }
    }

    @Test func repliesInjectedAheadOfTLSEndTheDelivery() async throws {
        // A man in the middle answers STARTTLS and slips a plain-text reply in behind the 220,
        // hoping it is taken as the answer to the first command sent under TLS.
        let server = try ScriptedSMTPServer { line in
            line == "STARTTLS"
                ? "220 go ahead\r\n250 injected\r\n" : Self.answer(ehlo: "250-test\r\n250 STARTTLS\r\n")(line)
        }
        defer { server.stop() }
        await #expect {
            try await transport(server).send(mail)
        } throws: { error in
            (error as! MailError).description.contains("a 250 reply that no command asked for")
        }
        #expect(!server.lines.contains { $0.hasPrefix("MAIL") })
    }

    @Test func aSilentServerFailsWithinTheStepLimit() async throws {
        let server = try ScriptedSMTPServer(greeting: "", respond: Self.answer())
        defer { server.stop() }
        // The message names the step limit that fired; no wall-clock bound (a timed assertion
        // fails on a loaded machine without saying anything about the code).
        await #expect {
            try await transport(server, timeout: .milliseconds(300)).send(mail)
        } throws: { error in
            (error as! MailError).description.contains("did not answer the greeting within 0.3 s")
        }
    }

    @Test func aServerThatHangsUpIsNamed() async throws {
        let server = try ScriptedSMTPServer { line in line.hasPrefix("MAIL") ? "421 4.3.2 shutting down\r\n" : Self.answer()(line)
        }
        defer { server.stop() }
        await #expect {
            try await transport(server).send(mail)
        } throws: { error in
            (error as! MailError).description.contains("refused MAIL FROM:<r@example.com>: 421 4.3.2 shutting down")
        }
    }

    @Test func somethingElseOnThePortIsNotSMTP() async throws {
        let server = try ScriptedSMTPServer(greeting: "HTTP/1.1 400 Bad Request\r\n\r\n", respond: { _ in nil })
        defer { server.stop() }
        await #expect {
            try await transport(server).send(mail)
        } throws: { error in
            (error as! MailError).description.contains("sent an answer that is not SMTP")
        }
    }

    @Test func aClosedPortFailsAtOnce() async throws {
        let server = try ScriptedSMTPServer(respond: Self.answer())
        let port = server.port
        server.stop()
        let url = SMTPURL(security: .startTLS, host: "127.0.0.1", port: port)
        // "Connection refused", not a timeout: the refusal itself ended the attempt.
        await #expect {
            try await SMTPTransport(url: url).send(mail)
        } throws: { error in
            (error as! MailError).description.hasPrefix("cannot connect to SMTP server 127.0.0.1:\(port): Connection refused")
        }
    }
}
