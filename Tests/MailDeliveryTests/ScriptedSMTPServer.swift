import Foundation
import NIOCore
import NIOPosix

/// A line-by-line SMTP server on 127.0.0.1 for the transport's tests: it greets, records
/// every command line, answers each with what `respond` returns (nil: never answer, to test
/// time limits), and after a 354 collects the DATA block up to `CRLF.CRLF` verbatim.
final class ScriptedSMTPServer: @unchecked Sendable {
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel!
    private let lock = NSLock()
    private var recordedLines: [String] = []
    private var recordedData: [[UInt8]] = []

    var port: Int { channel.localAddress!.port! }
    /// Every command line received, in order.
    var lines: [String] { lock.withLock { recordedLines } }
    /// Every DATA block received, dot-stuffed as sent, without the final `.` line.
    var dataBlocks: [[UInt8]] { lock.withLock { recordedData } }

    /// `respond` gets each command line (and `"<DATA>"` after a message) and returns the reply, CRLFs included.
    init(greeting: String = "220 test ESMTP\r\n", respond: @escaping @Sendable (String) -> String?) throws {
        let record: @Sendable (String?, [UInt8]?) -> Void = { [unowned self] line, data in
            self.lock.withLock {
                if let line { self.recordedLines.append(line) }
                if let data { self.recordedData.append(data) }
            }
        }
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        Handler(greeting: greeting, respond: respond, record: record))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
    }

    func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let greeting: String
        let respond: @Sendable (String) -> String?
        let record: @Sendable (String?, [UInt8]?) -> Void
        var pending: [UInt8] = []
        var inData = false

        init(
            greeting: String, respond: @escaping @Sendable (String) -> String?,
            record: @escaping @Sendable (String?, [UInt8]?) -> Void
        ) {
            self.greeting = greeting
            self.respond = respond
            self.record = record
        }

        func channelActive(context: ChannelHandlerContext) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: greeting)), promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            pending += buffer.readBytes(length: buffer.readableBytes) ?? []
            while true {
                if inData {
                    let end: [UInt8] = Array("\r\n.\r\n".utf8)
                    let block = pending.count >= 3 && pending.prefix(3).elementsEqual(".\r\n".utf8) ? 0 : nil
                    guard let cut = block ?? pending.firstRange(of: end).map({ $0.lowerBound + 2 }) else { return }
                    record(nil, Array(pending[..<cut]))
                    pending.removeFirst(cut + 3)
                    inData = false
                    answer("<DATA>", context)
                    continue
                }
                guard let newline = pending.firstRange(of: Array("\r\n".utf8)) else { return }
                let line = String(decoding: pending[..<newline.lowerBound], as: UTF8.self)
                pending.removeFirst(newline.upperBound)
                record(line, nil)
                answer(line, context)
            }
        }

        private func answer(_ line: String, _ context: ChannelHandlerContext) {
            guard let reply = respond(line) else { return }
            if reply.hasPrefix("354") { inData = true }
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply)), promise: nil)
            if reply.hasPrefix("221") { context.close(promise: nil) }
        }
    }
}
