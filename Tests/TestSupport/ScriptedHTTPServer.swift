import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A tiny HTTP server on 127.0.0.1 for tests that stand in for IMDS, a container
/// credentials endpoint or STS: every request is recorded and answered by `respond`.
public final class ScriptedHTTPServer: @unchecked Sendable {
    public struct Request: Sendable {
        public var method: String
        public var uri: String
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: String
        public init(_ status: Int = 200, _ body: String = "", headers: [(name: String, value: String)] = []) {
            self.status = status
            self.body = body
            self.headers = headers
        }
    }

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel!
    private let lock = NSLock()
    private var recorded: [Request] = []

    public var url: String { "http://127.0.0.1:\(channel.localAddress!.port!)" }
    public var requests: [Request] { lock.withLock { recorded } }

    public init(_ respond: @escaping @Sendable (Request) -> Response) throws {
        let record: @Sendable (Request) -> Void = { [unowned self] request in self.lock.withLock { self.recorded.append(request) }
        }
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(respond: respond, record: record))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
    }

    public func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let respond: @Sendable (Request) -> Response
        let record: @Sendable (Request) -> Void
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(respond: @escaping @Sendable (Request) -> Response, record: @escaping @Sendable (Request) -> Void) {
            self.respond = respond
            self.record = record
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                let request = Request(
                    method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) }, body: body)
                record(request)
                let response = respond(request)
                var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
                headers.add(name: "Content-Length", value: String(response.body.utf8.count))
                headers.add(name: "Connection", value: "close")
                context.write(
                    wrapOutboundOut(
                        .head(
                            HTTPResponseHead(version: head.version, status: .init(statusCode: response.status), headers: headers))
                    ), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: response.body)))), promise: nil)
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}

/// Counts calls from the server's threads, for scripted answers that change with the call
/// (the first throttled, page N with token N).
public final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    public init() {}

    /// 1 for the first call, then 2, 3, …
    public func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
