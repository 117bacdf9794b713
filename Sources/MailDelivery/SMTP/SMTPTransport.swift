import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Delivers a message to an SMTP server: submission with STARTTLS (`smtp://`) or implicit
/// TLS (`smtps://`), AUTH PLAIN or LOGIN, one message per connection.
///
/// The password is only ever sent over TLS: with a user in the URL and a server that does not
/// offer STARTTLS, the transport refuses instead of sending it in clear. Without a user it
/// sends unencrypted when STARTTLS is not offered, which is what a local relay on port 25
/// expects. Every step has a time limit, so a server that stops answering fails the delivery
/// in bounded time.
public struct SMTPTransport: MailTransport {
    public var url: SMTPURL
    /// Needed when `url` has a user; ignored otherwise.
    public var credentials: SMTPCredentials?
    /// A PEM file of CA certificates to trust instead of the system's (for a private CA or a self-signed server).
    public var caFile: String?
    /// The limit for connecting and for each command's reply.
    public var timeout: Duration
    /// The limit for sending the message and the server's reply to it (servers scan content here).
    public var dataTimeout: Duration
    /// The name we give in EHLO.
    public var clientName: String

    public init(
        url: SMTPURL, credentials: SMTPCredentials? = nil, caFile: String? = nil, timeout: Duration = .seconds(30),
        dataTimeout: Duration = .seconds(120), clientName: String = SMTPTransport.defaultClientName()
    ) {
        self.url = url
        self.credentials = credentials
        self.caFile = caFile
        self.timeout = timeout
        self.dataTimeout = dataTimeout
        self.clientName = clientName
    }

    public func send(_ mail: EncodedMail) async throws(MailError) {
        if url.user != nil && credentials == nil { throw .missingPassword(url, source: "the password variable") }
        let tls = try makeTLSContext()
        let connection: SMTPConnection
        do {
            connection = try await SMTPConnection.open(
                host: url.host, port: url.port, tls: url.security == .implicitTLS ? tls : nil,
                connectTimeout: Self.amount(timeout))
        } catch {
            throw .cannotConnect(url, Self.describe(error))
        }
        var session = SMTPSession(transport: self, connection: connection, tls: tls)
        do {
            try await session.run(mail)
        } catch let error as MailError {
            await connection.close()
            throw error
        } catch {
            await connection.close()
            throw .server("SMTP delivery to \(url.hostAndPort) failed: \(Self.describe(error))")
        }
        await connection.close()
    }

    private func makeTLSContext() throws(MailError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile {
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            } catch {
                throw .usage(
                    "--smtp-ca-file \(caFile) holds no PEM certificate we can read (\(Self.describe(error))); give the CA certificate in PEM form"
                )
            }
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .local("cannot set up TLS: \(Self.describe(error))")
        }
    }

    /// The host's name when it looks like a domain name, else `localhost` (EHLO wants an FQDN or an address literal).
    public static func defaultClientName() -> String {
        let name = ProcessInfo.processInfo.hostName
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        return allowed && name.contains(".") ? name : "localhost"
    }

    static func amount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// A short, one-line text for errors from NIO, NIOSSL and the system.
    static func describe(_ error: Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            if let failure = error.connectionErrors.first { return describe(failure.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "the host name does not resolve" }
            return "no address to connect to"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode))
        case ChannelError.connectTimeout(let amount):
            return "no connection within \(MailError.seconds(.nanoseconds(amount.nanoseconds))) s"
        case let error as SMTPConnectionFailure:
            switch error {
            case .timedOut(let amount): return "no answer within \(MailError.seconds(.nanoseconds(amount.nanoseconds))) s"
            case .closed: return "the server closed the connection"
            case .unexpectedReply(let code): return "a \(code) reply that no command asked for"
            }
        default:
            return "\(error)".replacingOccurrences(of: "\n", with: " ")
        }
    }
}
