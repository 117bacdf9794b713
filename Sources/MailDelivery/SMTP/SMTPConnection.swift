import NIOCore
import NIOPosix
import NIOSSL

/// A TCP (or TLS) connection to an SMTP server, spoken to one command at a time.
///
/// Only transport: what to send and what the replies mean is ``SMTPTransport``'s business.
struct SMTPConnection: Sendable {
    private let channel: any Channel
    private let failures: SMTPFailureRecord

    /// Connects to `host:port`, wrapping the connection in TLS from the start when `tls` is given (smtps://).
    static func open(
        host: String, port: Int, tls: NIOSSLContext?, connectTimeout: TimeAmount,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> SMTPConnection {
        let serverName = SMTPConnection.serverName(host)
        let failures = SMTPFailureRecord()
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPClientHandler(record: failures))
                }
            }
            .connect(host: host, port: port).get()
        return SMTPConnection(channel: channel, failures: failures)
    }

    /// Sends `command` (a line without CRLF; `nil` to only read, as for the greeting) and waits for the reply.
    func request(_ command: String?, timeout: TimeAmount) async throws -> SMTPReply {
        try await request(bytes: command.map { Array(($0 + "\r\n").utf8) }, timeout: timeout)
    }

    /// Sends raw bytes (the DATA block) and waits for the reply.
    func request(bytes: [UInt8]?, timeout: TimeAmount) async throws -> SMTPReply {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let buffer = bytes.map { ByteBuffer(bytes: $0) }
        // A write that never reaches the handler (the channel is already closed) must still end the wait.
        let failures = self.failures
        channel.writeAndFlush(SMTPRequest(command: buffer, reply: promise, timeout: timeout)).whenFailure { error in
            promise.fail(failures.error ?? error)
        }
        return try await promise.futureResult.get()
    }

    /// Puts TLS under the existing SMTP handlers, after the server's 220 to STARTTLS.
    func startTLS(_ tls: NIOSSLContext, host: String) async throws {
        let serverName = SMTPConnection.serverName(host)
        let channel = self.channel
        do {
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first)
            }.get()
        } catch {
            // The connection may have been ended on purpose (a reply injected behind the 220):
            // say why, not just that the channel is closed.
            throw failures.error ?? error
        }
    }

    func close() async {
        try? await channel.close()
    }

    /// The name to send in SNI and check the certificate against; `nil` for an IP address,
    /// which NIOSSL then checks against the certificate's IP entries instead.
    private static func serverName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}
