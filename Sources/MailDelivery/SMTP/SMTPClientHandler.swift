import NIOCore
import Synchronization

/// One step of the dialogue: an optional command line to send and the promise of the
/// server's next reply. Sent down the pipeline as an outbound message, so the async session
/// never touches the handler itself.
struct SMTPRequest: Sendable {
    var command: ByteBuffer?
    var reply: EventLoopPromise<SMTPReply>
    var timeout: TimeAmount
}

/// The first failure a connection saw, shared between its handler and ``SMTPConnection``:
/// once the channel is closed its handlers are gone, and a later request must still learn
/// why (say, a TLS alert) instead of a bare "channel closed".
final class SMTPFailureRecord: Sendable {
    private let first = Mutex<(any Error)?>(nil)

    func record(_ error: any Error) { first.withLock { if $0 == nil { $0 = error } } }
    var error: (any Error)? { first.withLock { $0 } }
}

/// Why a step got no reply.
enum SMTPConnectionFailure: Error, Sendable {
    /// Nothing came back within the step's time limit.
    case timedOut(TimeAmount)
    /// The server hung up.
    case closed
    /// The server sent a reply nobody asked for.
    case unexpectedReply(Int)
}

/// Matches each ``SMTPRequest`` with the next ``SMTPReply``, one at a time (SMTP without
/// pipelining is strictly lockstep). A reply that arrives with nobody waiting (the greeting)
/// is kept for the next request. A step that sees no reply in time fails and closes the
/// connection, so a hung server costs at most the time limit.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = SMTPReply
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private let record: SMTPFailureRecord
    private var buffered: [SMTPReply] = []
    private var waiting: (promise: EventLoopPromise<SMTPReply>, timer: Scheduled<Void>)?
    private var failure: Error?
    /// Whether a request has been made: before it, a reply (the greeting) waits in `buffered`;
    /// after it, a reply nobody asked for is a protocol violation (or an attempt to inject
    /// plain-text replies ahead of STARTTLS), and ends the connection.
    private var requested = false

    init(record: SMTPFailureRecord) {
        self.record = record
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        promise?.succeed()
        if let failure {
            request.reply.fail(failure)
            return
        }
        precondition(waiting == nil, "SMTP is lockstep: one request at a time")
        requested = true
        if let command = request.command {
            let reply = request.reply
            context.writeAndFlush(wrapOutboundOut(command)).whenFailure { error in reply.fail(error) }
        }
        if !buffered.isEmpty {
            request.reply.succeed(buffered.removeFirst())
            return
        }
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        let timeout = request.timeout
        let timer = context.eventLoop.scheduleTask(in: timeout) {
            bound.value.handler.fail(SMTPConnectionFailure.timedOut(timeout))
            bound.value.context.close(promise: nil)
        }
        waiting = (request.reply, timer)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if let (promise, timer) = waiting {
            waiting = nil
            timer.cancel()
            promise.succeed(reply)
        } else if !requested {
            buffered.append(reply)
        } else {
            fail(SMTPConnectionFailure.unexpectedReply(reply.code))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPConnectionFailure.closed)
        context.fireChannelInactive()
    }

    /// Fails the waiting request and every later one with the first error seen.
    private func fail(_ error: Error) {
        if failure == nil {
            failure = error
            record.record(error)
        }
        if let (promise, timer) = waiting {
            waiting = nil
            timer.cancel()
            promise.fail(failure ?? error)
        }
    }
}
