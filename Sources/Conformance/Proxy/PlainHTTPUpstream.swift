import Dispatch
import Foundation
import SessionsAPI
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the relay sends to the target, relative to its base URL.
public struct UpstreamRequest: Sendable {
    public var method: String
    public var target: String
    public var headers: [WireHeader]
    public var body: [UInt8]
}

/// Something that forwards a request and streams the answer back.
public protocol Upstream: Sendable {
    func open(_ request: UpstreamRequest) async throws -> UpstreamResponse
}

/// HTTP/1.1 to an `http://` target over plain sockets with kept-alive connections.
/// URLSession costs about half a millisecond per exchange on Linux, which would make the
/// proxy the bottleneck in front of a fast target; this client costs a socket write and
/// read. Each exchange's blocking I/O runs on a thread of its own, never on Dispatch's
/// workers, which the cooperative pool shares. (`https://` targets go through `UpstreamClient`, which brings TLS.)
public final class PlainHTTPUpstream: Upstream {
    static let keptIdleConnections = 64

    private let host: String
    private let port: Int
    private let basePath: String
    private let hostField: String
    private let idle = Mutex<[Int32]>([])

    /// - Parameter target: an `http://` URL; its path is prefixed to every request target.
    public init?(target: URL) {
        guard target.scheme?.lowercased() == "http", let host = target.host else { return nil }
        self.host = host
        port = target.port ?? 80
        basePath = target.path.hasSuffix("/") ? String(target.path.dropLast()) : target.path
        hostField = target.port.map { "\(host):\($0)" } ?? host
    }

    deinit {
        for fd in idle.withLock({ $0 }) { close(fd) }
    }

    public func open(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        let bytes = serialize(request)
        let (chunks, sink) = AsyncThrowingStream.makeStream(of: [UInt8].self, throwing: (any Error).self)
        let exchange = PlainExchange(noBody: request.method == "HEAD", sink: sink)
        sink.onTermination = { termination in
            if case .cancelled = termination { exchange.cancel() }
        }
        let head = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<PlainHead, any Error>) in
            // A thread of its own, never a Dispatch worker: on Linux Swift's cooperative pool
            // runs on Dispatch's workers, and exchanges blocked in recv (a paced stream waits
            // seconds) would starve it.
            Thread.detachNewThread { [self] in run(exchange, bytes, head: continuation) }
        }
        return UpstreamResponse(
            status: head.status, headers: head.headers, chunks: chunks, cancel: { exchange.cancel() })
    }

    private func serialize(_ request: UpstreamRequest) -> [UInt8] {
        var text = "\(request.method) \(basePath)\(request.target) HTTP/1.1\r\nHost: \(hostField)\r\n"
        for header in request.headers where !["content-length", "host"].contains(header.name.lowercased()) {
            text += "\(header.name): \(header.value)\r\n"
        }
        text += "Via: \(HopByHop.via)\r\n"
        if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method) {
            text += "Content-Length: \(request.body.count)\r\n"
        }
        return Array((text + "\r\n").utf8) + request.body
    }

    /// One exchange on a worker thread: send, read the head (resuming `head`), then stream
    /// the body. A kept-alive connection the target had closed fails before any byte came
    /// back; the request is then sent once more on a new connection.
    private func run(
        _ exchange: PlainExchange, _ bytes: [UInt8], head: CheckedContinuation<PlainHead, any Error>
    ) {
        var pooled = idle.withLock { $0.popLast() }
        while true {
            let reused = pooled != nil
            let fd: Int32
            if let pooled {
                fd = pooled
            } else {
                do {
                    fd = try Self.connect(host: host, port: port)
                } catch {
                    head.resume(throwing: error)
                    exchange.finish(throwing: error)
                    return
                }
            }
            pooled = nil
            exchange.attach(fd)
            var reader = PlainReader(fd: fd, exchange: exchange)
            switch reader.exchange(bytes, head: head) {
            case .reusable:
                exchange.detach()
                let kept = idle.withLock { list -> Bool in
                    guard list.count < Self.keptIdleConnections else { return false }
                    list.append(fd)
                    return true
                }
                if !kept { close(fd) }
                return
            case .closed:
                exchange.detach()
                close(fd)
                return
            case .staleConnection where reused:
                exchange.detach()
                close(fd)
                continue
            case .staleConnection:
                exchange.detach()
                close(fd)
                let error = TransportError.broken("the target closed the connection without answering")
                head.resume(throwing: error)
                exchange.finish(throwing: error)
                return
            }
        }
    }

    static func connect(host: String, port: Int) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw TransportError.cannotConnect("cannot resolve \(host)")
        }
        defer { freeaddrinfo(list) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    var on: Int32 = 1
                    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
                    // A target silent this long (even between stream events) has failed.
                    var timeout = timeval(tv_sec: 300, tv_usec: 0)
                    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                    return fd
                }
                close(fd)
            }
            candidate = info.pointee.ai_next
        }
        throw TransportError.cannotConnect("nothing accepts connections at \(host):\(port)")
    }
}

struct PlainHead: Sendable {
    var status: Int
    var headers: [WireHeader]
}

/// The shared state of one exchange: its body stream, and the socket a cancel must shut.
final class PlainExchange: Sendable {
    let noBody: Bool
    private let sink: AsyncThrowingStream<[UInt8], any Error>.Continuation
    private let state = Mutex<(fd: Int32?, cancelled: Bool)>((nil, false))

    init(noBody: Bool, sink: AsyncThrowingStream<[UInt8], any Error>.Continuation) {
        self.noBody = noBody
        self.sink = sink
    }

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    func attach(_ fd: Int32) { state.withLock { $0.fd = fd } }
    func detach() { state.withLock { $0.fd = nil } }

    /// Unblocks a pending read by shutting the socket (it is then closed, never reused).
    func cancel() {
        state.withLock { state in
            state.cancelled = true
            if let fd = state.fd { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    func yield(_ bytes: [UInt8]) { sink.yield(bytes) }
    func finish() { sink.finish() }
    func finish(throwing error: any Error) { sink.finish(throwing: error) }
}
