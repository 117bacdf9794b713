import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The emulator on a real socket: HTTP/1.1 with keep-alive, on SwiftNIO, so faults can do
/// what a real network does (answer late, or close the connection without a word).
public final class EmulatorServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel

    /// The port actually bound (useful after binding port 0).
    public var port: Int { channel.localAddress?.port ?? 0 }

    /// Binds and starts serving. Call ``shutdown()`` to stop.
    public static func start(service: Macie2Service, host: String = "127.0.0.1", port: Int = 0, threads: Int = 2) async throws
        -> EmulatorServer
    {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline(withErrorHandling: true).flatMap {
                    channel.pipeline.addHandler(EmulatorHTTPHandler(service: service))
                }
            }
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port).get()
        return EmulatorServer(group: group, channel: channel)
    }

    private init(group: MultiThreadedEventLoopGroup, channel: Channel) {
        self.group = group
        self.channel = channel
    }

    /// Runs until the listening socket is closed.
    public func waitUntilClosed() async throws { try await channel.closeFuture.get() }

    /// Closes the listening socket (ending ``waitUntilClosed()``) and stops the event loops, cutting any open
    /// connection. Call it once.
    public func shutdown() async throws {
        try? await channel.close().get()
        try await group.shutdownGracefully()
    }
}

/// Collects one request, asks the service, and answers (or drops the connection) after the
/// service's delay.
final class EmulatorHTTPHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let service: Macie2Service
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(service: Macie2Service) { self.service = service }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.removeAll(keepingCapacity: true)
            // SDKs send S3 uploads with `Expect: 100-continue` and wait (botocore: a second)
            // for this before the body; answering at once keeps uploads as fast as the network.
            if head.headers[canonicalForm: "expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                context.writeAndFlush(
                    wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
            }
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            self.head = nil
            let target = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            let request = EmulatorRequest(
                method: head.method.rawValue, path: String(target[0]), query: target.count > 1 ? String(target[1]) : "",
                headers: head.headers.map { ($0.name, $0.value) }, body: body)
            let outcome = service.handle(request)
            let keepAlive = head.isKeepAlive
            let version = head.version
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            switch outcome {
            case .drop(let delay):
                context.eventLoop.scheduleTask(in: .nanoseconds(Int64(delay * 1e9))) {
                    loopBound.value.1.close(promise: nil)
                }
            case .respond(let response, let delay):
                let send = {
                    loopBound.value.0.write(response, version: version, keepAlive: keepAlive, context: loopBound.value.1)
                }
                if delay > 0 {
                    context.eventLoop.scheduleTask(in: .nanoseconds(Int64(delay * 1e9)), send)
                } else {
                    send()
                }
            }
        }
    }

    private func write(_ response: EmulatorResponse, version: HTTPVersion, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        // A HEAD answer gives the length of the body it does not send (S3's HeadObject).
        if !headers.contains(name: "Content-Length") { headers.add(name: "Content-Length", value: String(response.body.count)) }
        headers.add(name: "x-amzn-RequestId", value: UUID().uuidString.lowercased())
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
