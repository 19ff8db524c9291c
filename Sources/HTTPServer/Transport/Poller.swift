#if canImport(Glibc)
    import CEpoll
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Readiness reported for one registered descriptor.
struct ReadinessEvent {
    var token: UInt64
    var readable: Bool
    var writable: Bool
    /// The peer shut down its sending side (FIN): reads will reach end of file.
    var peerClosed: Bool
    /// Error or full hang-up: every operation will now fail.
    var broken: Bool
}

/// What the loop wants to hear about a descriptor; only the poll fallback needs it,
/// epoll keeps its own registrations.
struct PollInterest {
    var fd: Int32
    var token: UInt64
    var read: Bool
    var write: Bool
}

#if canImport(Glibc)
    /// epoll with an eventfd for wake-ups. Each descriptor is added once, edge-triggered.
    final class Poller: Sendable {
        static let wakeToken = UInt64.max
        private let epollFD: Int32
        private let wakeFD: Int32

        init() throws {
            epollFD = epoll_create1(CEPOLL_CLOEXEC)
            guard epollFD >= 0 else { throw ListenError(description: "epoll_create1 failed: errno \(errno)") }
            wakeFD = eventfd(0, CEVENTFD_NONBLOCK | CEVENTFD_CLOEXEC)
            guard wakeFD >= 0 else {
                Glibc.close(epollFD)
                throw ListenError(description: "eventfd failed: errno \(errno)")
            }
            try add(wakeFD, token: Self.wakeToken)
        }

        func add(_ fd: Int32, token: UInt64) throws {
            var event = epoll_event()
            event.events = CEPOLL_IN | CEPOLL_OUT | CEPOLL_RDHUP | CEPOLL_ET
            event.data.u64 = token
            guard epoll_ctl(epollFD, CEPOLL_CTL_ADD, fd, &event) == 0 else {
                throw ListenError(description: "epoll_ctl ADD failed: errno \(errno)")
            }
        }

        /// Waits up to `timeoutMilliseconds` and appends what happened to `events`.
        func wait(
            timeoutMilliseconds: Int32, scratch: inout PollerScratch, events: inout [ReadinessEvent],
            interests: () -> [PollInterest]
        ) {
            let n = scratch.raw.withUnsafeMutableBufferPointer {
                epoll_wait(epollFD, $0.baseAddress, Int32($0.count), timeoutMilliseconds)
            }
            guard n > 0 else { return }
            for i in 0..<Int(n) {
                let raw = scratch.raw[i]
                let token = raw.data.u64
                if token == Self.wakeToken {
                    var value: UInt64 = 0
                    _ = read(wakeFD, &value, 8)
                    continue
                }
                let bits = raw.events
                let broken = bits & (CEPOLL_ERR | CEPOLL_HUP) != 0
                events.append(
                    ReadinessEvent(
                        token: token, readable: bits & CEPOLL_IN != 0, writable: bits & CEPOLL_OUT != 0,
                        peerClosed: bits & CEPOLL_RDHUP != 0, broken: broken))
            }
        }

        func wake() {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }

        func close() {
            Glibc.close(wakeFD)
            Glibc.close(epollFD)
        }
    }

    struct PollerScratch {
        var raw = [epoll_event](repeating: epoll_event(), count: 256)
    }
#else
    /// A `poll(2)` fallback so the package builds on macOS; Linux uses epoll.
    final class Poller: Sendable {
        private let wakeRead: Int32
        private let wakeWrite: Int32

        init() throws {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw ListenError(description: "pipe failed: errno \(errno)") }
            wakeRead = fds[0]
            wakeWrite = fds[1]
            SystemCalls.setNonBlocking(wakeRead)
            SystemCalls.setNonBlocking(wakeWrite)
        }

        func add(_ fd: Int32, token: UInt64) throws {}

        func wait(
            timeoutMilliseconds: Int32, scratch: inout PollerScratch, events: inout [ReadinessEvent],
            interests: () -> [PollInterest]
        ) {
            let wanted = interests()
            var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            for interest in wanted {
                var mask: Int16 = 0
                if interest.read { mask |= Int16(POLLIN) }
                if interest.write { mask |= Int16(POLLOUT) }
                fds.append(pollfd(fd: interest.fd, events: mask, revents: 0))
            }
            let n = poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
            guard n > 0 else { return }
            if fds[0].revents != 0 {
                var byte: UInt8 = 0
                while read(wakeRead, &byte, 1) > 0 {}
            }
            for (i, interest) in wanted.enumerated() {
                let bits = Int32(fds[i + 1].revents)
                if bits == 0 { continue }
                events.append(
                    ReadinessEvent(
                        token: interest.token, readable: bits & Int32(POLLIN) != 0,
                        writable: bits & Int32(POLLOUT) != 0, peerClosed: bits & Int32(POLLHUP) != 0,
                        broken: bits & Int32(POLLERR | POLLNVAL) != 0))
            }
        }

        func wake() {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }

        func close() {
            Darwin.close(wakeRead)
            Darwin.close(wakeWrite)
        }
    }

    struct PollerScratch {}
#endif
