import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The real transport, on async-http-client: TLS always verified (against `AWS_CA_BUNDLE`
/// when set, else the system's roots), connect and whole-request timeouts, pooled
/// connections, and redirects never followed (a redirect would be followed as an unsigned
/// request to wherever it points; the client treats it as an error instead).
public final class AsyncHTTPClientTransport: HTTPTransport, @unchecked Sendable {
    /// The largest answer read; an AWS answer this client asks for is far smaller.
    public static let maximumBodyBytes = 32 << 20
    private let client: HTTPClient
    private let lock = NSLock()
    private var isShutDown = false

    /// - Parameters:
    ///   - caBundle: a PEM file of trusted roots (`AWS_CA_BUNDLE`).
    ///   - connectTimeout: how long to wait for a TCP (and TLS) connection.
    ///   - maxConnectionsPerHost: bounds the pool; the walk's concurrency should not exceed it.
    public init(caBundle: String? = nil, connectTimeout: TimeInterval = 5, maxConnectionsPerHost: Int = 64) throws(AWSError) {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let caBundle {
            guard FileManager.default.isReadableFile(atPath: caBundle) else {
                throw .configuration("the CA bundle \(caBundle) (AWS_CA_BUNDLE or the profile's ca_bundle) cannot be read")
            }
            tls.trustRoots = .file(caBundle)
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(Int64(connectTimeout * 1000)), read: nil),
            connectionPool: .init(idleTimeout: .seconds(30)))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = maxConnectionsPerHost
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends on the pool and reads the whole answer within `request.timeout`; a redirect comes back as a
    /// response, unfollowed. Throws ``TransportError`` (`.tooLarge` past ``maximumBodyBytes``).
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }
        let deadline = NIODeadline.now() + .milliseconds(Int64(request.timeout * 1000))
        do {
            // The deadline covers the whole exchange, the body included: a server trickling
            // its answer a byte at a time cannot hold the request open past it.
            return try await Deadline.run(seconds: request.timeout) { [client, outgoing] in
                let response = try await client.execute(outgoing, deadline: deadline)
                let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
                return HTTPResponse(
                    status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                    body: Array(buffer: body))
            }
        } catch let error as TransportError {
            throw error
        } catch let error as HTTPClientError {
            switch error {
            case .connectTimeout, .deadlineExceeded, .readTimeout:
                throw TransportError(.timeout, "no answer within \(Int(request.timeout)) s")
            case .remoteConnectionClosed, .cancelled: throw TransportError(.connectionLost, "connection closed before a response")
            default: throw TransportError(.other, ServerText.oneLine("\(error)"))
            }
        } catch let error as NIOSSLError {
            throw TransportError(.tls, ServerText.oneLine("TLS: \(error)"))
        } catch is NIOTooManyBytesError {
            throw TransportError(.tooLarge, "the answer was larger than \(Self.maximumBodyBytes >> 20) MB")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let text = ServerText.oneLine("\(error)")
            throw TransportError(text.contains("refused") || text.contains("connect") ? .connect : .other, text)
        }
    }

    /// Closes the pool; call once when the run is over.
    public func shutdown() async {
        guard
            lock.withLock({ () -> Bool in
                defer { isShutDown = true }
                return !isShutDown
            })
        else { return }
        try? await client.shutdown()
    }

    /// A transport dropped without ``shutdown()`` (a test, an error path) still closes its
    /// pool rather than leaking it.
    deinit {
        if !isShutDown { try? client.syncShutdown() }
    }
}
