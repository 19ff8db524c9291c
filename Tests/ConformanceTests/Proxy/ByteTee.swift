import HTTPServer
import Synchronization

/// Wraps the mock's handler and keeps the exact body bytes it produced for each request
/// (`METHOD target`), so a test can compare them with what a client got through the proxy.
final class ByteTee: Sendable {
    private let produced = Mutex<[String: [UInt8]]>([:])

    func bytes(_ method: String, _ target: String) -> [UInt8]? {
        produced.withLock { $0["\(method) \(target)"] }
    }

    func wrap(_ handler: @escaping HTTPHandler) -> HTTPHandler {
        { [self] request in
            var response = await handler(request)
            let key = "\(request.method) \(request.target)"
            switch response.body {
            case .bytes(let bytes):
                produced.withLock { $0[key] = bytes }
            case .stream, .writerPacedStream, .stepped:
                guard let body = response.body.streamBody else { break }
                produced.withLock { $0[key] = [] }
                response.body = response.body.replacingStreamBody { [self] writer in
                    try await body(
                        writer.passing { bytes in
                            self.produced.withLock { $0[key, default: []] += bytes }
                            try await writer.write(bytes)
                        })
                }
            case .resetConnection:
                break
            }
            return response
        }
    }
}
