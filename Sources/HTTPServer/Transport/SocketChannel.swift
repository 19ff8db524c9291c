/// The peer is gone: a read or write failed with a socket error.
public struct ConnectionClosedError: Error, Equatable {
    public var errorNumber: Int32
}

/// Reads and writes of one non-blocking connected socket, suspending on its event loop
/// instead of blocking a thread.
struct SocketChannel: Sendable {
    let registration: Registration
    /// Seconds a blocked write may wait for the peer to read before the connection fails.
    var writeTimeout: Double = 30

    var fd: Int32 { registration.fd }

    /// Bytes one read takes at most; what is left stays in the socket for the next read.
    static let readChunkSize = 16 * 1024

    /// Waits until the socket is readable, then feeds what one read returns to `parser`
    /// through a buffer that lives only for that read. A count of 0 means end of file;
    /// `waited` tells whether the read had to wait for bytes (and so suspended).
    func read(into parser: inout HTTPRequestParser) async throws -> (count: Int, waited: Bool) {
        var waited = false
        while true {
            switch readOnce(into: &parser) {
            case .transferred(let n): return (n, waited)
            case .endOfFile: return (0, waited)
            case .wouldBlock:
                waited = true
                try await registration.loop.wait(.read, registration)
            case .failed(let e): throw ConnectionClosedError(errorNumber: e)
            }
        }
    }

    /// Reads and drops what is available (a closing connection's leftovers); 0 means end of file.
    func discardAvailable() async throws -> Int {
        while true {
            switch readOnce(into: nil) {
            case .transferred(let n): return n
            case .endOfFile: return 0
            case .wouldBlock: try await registration.loop.wait(.read, registration)
            case .failed(let e): throw ConnectionClosedError(errorNumber: e)
            }
        }
    }

    /// One read into a stack buffer. Synchronous and out of line on purpose: a temporary
    /// allocation in an async function lands in its async frame, which the task keeps.
    @inline(never)
    private func readOnce(into parser: UnsafeMutablePointer<HTTPRequestParser>?) -> IOResult {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.readChunkSize) { buffer in
            let result = SystemCalls.read(fd, into: UnsafeMutableRawBufferPointer(buffer))
            if case .transferred(let n) = result {
                parser?.pointee.feed(UnsafeBufferPointer(rebasing: buffer[..<n]))
            }
            return result
        }
    }

    @inline(never)
    private func readOnce(into parser: inout HTTPRequestParser) -> IOResult {
        withUnsafeMutablePointer(to: &parser) { readOnce(into: $0) }
    }

    /// Returns once every byte is in the kernel's send buffer. While the socket is full, the
    /// connection's deadline is pulled in to `writeTimeout` from the last progress; the sweep
    /// then fails the wait (`IOWaitError.timedOut`) of a peer that stopped reading.
    func write(_ bytes: [UInt8]) async throws {
        var offset = 0
        var deadlineBeforeWrite: UInt64?
        while offset < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                SystemCalls.write(fd, UnsafeRawBufferPointer(rebasing: raw[offset...]))
            }
            switch result {
            case .transferred(let n): offset += n
            case .wouldBlock:
                let previous = registration.loop.tightenDeadline(
                    registration, to: ServerContext.deadline(after: writeTimeout))
                if deadlineBeforeWrite == nil { deadlineBeforeWrite = previous }
                try await registration.loop.wait(.write, registration)
            case .endOfFile: throw ConnectionClosedError(errorNumber: 0)
            case .failed(let e): throw ConnectionClosedError(errorNumber: e)
            }
        }
        if let deadlineBeforeWrite { registration.loop.restoreDeadline(registration, deadlineBeforeWrite) }
    }

    /// Returns when the peer has closed or reset the connection; throws when cancelled, and
    /// `IOWaitError.watchEnded` once `endHangupWatch` is called.
    func waitForHangup() async throws {
        try await registration.loop.wait(.hangup, registration)
    }

    func beginHangupWatch() { registration.loop.beginHangupWatch(registration) }

    func endHangupWatch() { registration.loop.endHangupWatch(registration) }
}

extension SocketChannel {
    /// Waits `milliseconds` on the loop's own timer (see `EventLoop.pause`).
    func pause(milliseconds: Int) async throws {
        let clamped = UInt64(max(0, min(milliseconds, 86_400_000)))
        try await registration.loop.pause(
            registration, until: SystemCalls.monotonicNanoseconds() + clamped * 1_000_000)
    }
}
