import Conformance
import HTTPServer
import SessionsAPI

/// Sends a run's requests straight into an HTTP handler (usually the mock's), no sockets.
/// A streamed body arrives as one chunk per write of the handler, so recorded chunks are
/// repeatable; over TCP a client sees whatever splits the network makes.
package struct InProcessTransport: HTTPTransport {
    package let handler: HTTPHandler

    package init(handler: @escaping HTTPHandler) {
        self.handler = handler
    }

    package func send(_ request: WireRequest) async throws -> WireResponse {
        let headers = HTTPHeaders(request.headers.map { ($0.name, $0.value) })
        let live = HTTPRequest(
            method: request.method, target: request.target, headers: headers, body: request.body ?? [])
        let response = await handler(live)
        let fields = response.headers.map { WireHeader(name: $0.name, value: $0.value) }
        switch response.body {
        case .bytes(let bytes):
            return WireResponse(
                status: response.status, headers: fields, chunks: bytes.isEmpty ? [] : [bytes])
        case .stream, .writerPacedStream, .stepped:
            guard let produce = response.body.streamBody else { throw TransportError.broken("no body") }
            let sink = ChunkSink()
            do {
                try await produce(HTTPBodyWriter { bytes in await sink.append(bytes) })
            } catch {
                throw TransportError.broken("\(error)")
            }
            return WireResponse(status: response.status, headers: fields, chunks: await sink.chunks)
        case .resetConnection:
            throw TransportError.broken("connection reset")
        }
    }
}

/// Collects a stream's writes in order; an actor because the writer closure is `@Sendable`.
private actor ChunkSink {
    var chunks: [[UInt8]] = []

    func append(_ bytes: [UInt8]) {
        chunks.append(bytes)
    }
}
