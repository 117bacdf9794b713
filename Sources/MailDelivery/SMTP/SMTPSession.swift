import NIOCore
import NIOSSL

/// The dialogue of one delivery: greeting, EHLO, STARTTLS, AUTH, MAIL FROM, RCPT TO, DATA, QUIT.
///
/// Each step's failure becomes a ``MailError`` that names the step and quotes the server,
/// with the password scrubbed from anything quoted.
struct SMTPSession {
    let transport: SMTPTransport
    let connection: SMTPConnection
    let tls: NIOSSLContext
    private var encrypted: Bool

    init(transport: SMTPTransport, connection: SMTPConnection, tls: NIOSSLContext) {
        self.transport = transport
        self.connection = connection
        self.tls = tls
        self.encrypted = transport.url.security == .implicitTLS
    }

    private var url: SMTPURL { transport.url }

    mutating func run(_ mail: EncodedMail) async throws {
        try await expect(nil, step: "the greeting", codes: [220])
        var ehlo = try await expect("EHLO \(transport.clientName)", step: "EHLO", codes: [250])
        if !encrypted {
            if ehlo.extensions["STARTTLS"] != nil {
                try await expect("STARTTLS", step: "STARTTLS", codes: [220])
                do {
                    try await connection.startTLS(tls, host: url.host)
                } catch let failure as SMTPConnectionFailure {
                    if case .unexpectedReply(let code) = failure {
                        throw MailError.notSMTP(url, "a \(code) reply that no command asked for, around STARTTLS")
                    }
                    throw MailError.closed(url, step: "STARTTLS")
                }
                encrypted = true
                ehlo = try await expect("EHLO \(transport.clientName)", step: "EHLO after STARTTLS", codes: [250])
            } else if url.user != nil {
                throw MailError.noStartTLS(url)
            }
        }
        if let credentials = transport.credentials, url.user != nil {
            try await authenticate(credentials, ehlo: ehlo)
        }
        try await expect("MAIL FROM:<\(mail.sender)>", step: "MAIL FROM:<\(mail.sender)>", codes: [250])
        for recipient in mail.recipients {
            try await expect("RCPT TO:<\(recipient)>", step: "RCPT TO:<\(recipient)>", codes: [250, 251])
        }
        try await expect("DATA", step: "DATA", codes: [354])
        try await expect(
            bytes: DotStuffing.dataBlock(mail.bytes), step: "the message", codes: [250], timeout: transport.dataTimeout)
        // Delivered: the server has the message. QUIT is a courtesy whose failure changes nothing.
        _ = try? await connection.request("QUIT", timeout: SMTPTransport.amount(.seconds(5)))
    }

    private func authenticate(_ credentials: SMTPCredentials, ehlo: SMTPReply) async throws {
        guard let mechanism = SMTPAuth.choose(from: ehlo) else {
            throw MailError.noAuthMechanism(url, offered: SMTPAuth.mechanisms(in: ehlo))
        }
        switch mechanism {
        case .plain:
            try await auth("AUTH PLAIN \(SMTPAuth.plainToken(credentials))", credentials, codes: [235])
        case .login:
            try await auth("AUTH LOGIN", credentials, codes: [334])
            try await auth(SMTPAuth.base64(credentials.user), credentials, codes: [334])
            try await auth(SMTPAuth.base64(credentials.password), credentials, codes: [235])
        }
    }

    /// One AUTH exchange: a refusal is the credentials' fault, and says which to check.
    private func auth(_ line: String, _ credentials: SMTPCredentials, codes: Set<Int>) async throws {
        let reply = try await exchange(bytes: Array((line + "\r\n").utf8), step: "AUTH", timeout: transport.timeout)
        guard codes.contains(reply.code) else {
            throw MailError.authRefused(url, reply: credentials.redacting(reply.description), credentials: credentials)
        }
    }

    @discardableResult
    private func expect(_ command: String?, step: String, codes: Set<Int>) async throws -> SMTPReply {
        try await expect(bytes: command.map { Array(($0 + "\r\n").utf8) }, step: step, codes: codes, timeout: transport.timeout)
    }

    @discardableResult
    private func expect(bytes: [UInt8]?, step: String, codes: Set<Int>, timeout: Duration) async throws -> SMTPReply {
        let reply = try await exchange(bytes: bytes, step: step, timeout: timeout)
        guard codes.contains(reply.code) else {
            throw MailError.refused(
                url, step: step, reply: transport.credentials?.redacting(reply.description) ?? reply.description)
        }
        return reply
    }

    private func exchange(bytes: [UInt8]?, step: String, timeout: Duration) async throws -> SMTPReply {
        do {
            return try await connection.request(bytes: bytes, timeout: SMTPTransport.amount(timeout))
        } catch let failure as SMTPConnectionFailure {
            switch failure {
            case .timedOut: throw MailError.timedOut(url, step: step, after: timeout)
            case .closed: throw MailError.closed(url, step: step)
            case .unexpectedReply(let code):
                throw MailError.notSMTP(url, "a \(code) reply that no command asked for, around \(step)")
            }
        } catch let error where TLSFailureText.isTLSError(error) {
            let (reason, hint) = TLSFailureText.explain(error, url: url)
            throw MailError.tlsFailed(url, step: step, reason, hint: hint)
        } catch let error as SMTPReplyDecoder.ProtocolViolation {
            throw MailError.notSMTP(url, error.description)
        } catch {
            throw MailError.server("SMTP server \(url.hostAndPort) failed at \(step): \(SMTPTransport.describe(error))")
        }
    }
}
