/// What a stepped body does next.
public enum BodyStep: Sendable {
    case write([UInt8])
    /// Wait this long before asking for the next step.
    case pause(milliseconds: Int)
    /// The body is complete.
    case end
}

/// How a stepped body's stream ended, told to it once.
public enum StreamEnding: Sendable {
    /// It returned `.end` and everything it wrote reached the socket.
    case completed
    /// Its own `next()` threw this error.
    case failed(any Error)
    /// A write or a pause failed: the client left (or the connection broke). When the last
    /// step was a write, its bytes may not have reached the client.
    case clientGone(any Error)
}

/// A streamed body that works out each step without awaiting anything: the server writes and
/// times its steps itself. Unlike a body closure, one that is waiting holds no suspended
/// call chain (and no task memory for one): an open stream that stalls for minutes costs
/// only its own state.
///
/// The server calls `next()` again only after the previous step is done (the write reached
/// the socket, the pause elapsed), one call at a time, then `finish` exactly once, unless
/// the stream never starts (a HEAD request); an implementation frees what it holds in its
/// deinit for that case.
public protocol SteppedBody: AnyObject, Sendable {
    func next() throws -> BodyStep
    func finish(_ ending: StreamEnding)
}

extension SteppedBody {
    /// Runs the steps against a writer: for callers with no socket (in-process transports,
    /// tests) and for wrappers that only know body closures.
    public func run(writing writer: HTTPBodyWriter) async throws {
        while true {
            let step: BodyStep
            do {
                step = try next()
            } catch {
                finish(.failed(error))
                throw error
            }
            do {
                switch step {
                case .write(let bytes): try await writer.write(bytes)
                case .pause(let milliseconds): try await writer.pause(milliseconds: milliseconds)
                case .end:
                    finish(.completed)
                    return
                }
            } catch {
                finish(.clientGone(error))
                throw error
            }
        }
    }
}
