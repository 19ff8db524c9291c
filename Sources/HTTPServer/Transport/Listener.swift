#if canImport(Glibc)
    import CEpoll
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the server could not start listening.
public struct ListenError: Error, CustomStringConvertible {
    public var description: String
}

/// A bound, listening, non-blocking socket.
struct Listener {
    let fd: Int32
    let port: Int

    /// Resolves `host` (IPv4 or IPv6 literal, or a name), binds the first address that works
    /// and listens with the system's maximum backlog.
    static func bind(host: String, port: Int) throws -> Listener {
        guard (0...65535).contains(port) else { throw ListenError(description: "port \(port) is out of range") }
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw ListenError(description: "cannot resolve host '\(host)': \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError: Int32 = 0
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else {
                lastError = errno
                continue
            }
            SystemCalls.setReuseAddress(fd)
            if systemBind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0, listen(fd, SOMAXCONN) == 0 {
                SystemCalls.setNonBlocking(fd)
                SystemCalls.setCloseOnExec(fd)
                return Listener(fd: fd, port: boundPort(fd) ?? port)
            }
            lastError = errno
            close(fd)
        }
        throw ListenError(
            description: "cannot listen on \(host):\(port): \(String(cString: strerror(lastError)))")
    }

    /// The port the kernel chose, read back with getsockname.
    static func boundPort(_ fd: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { return nil }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            }
        default:
            return nil
        }
    }

    /// Accepts one pending connection, non-blocking and close-on-exec.
    func accept() -> AcceptResult {
        while true {
            #if canImport(Glibc)
                let client = cepoll_accept_nonblocking(fd)
            #else
                let client = Darwin.accept(fd, nil, nil)
                if client >= 0 {
                    SystemCalls.setNonBlocking(client)
                    SystemCalls.setCloseOnExec(client)
                    SystemCalls.setNoSigPipe(client)
                }
            #endif
            if client >= 0 { return .accepted(client) }
            switch errno {
            case EINTR, ECONNABORTED: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .outOfResources
            default: return .failed(errno)
            }
        }
    }
}

enum AcceptResult: Equatable {
    case accepted(Int32)
    case wouldBlock
    /// Out of descriptors or memory: back off, the connection stays queued.
    case outOfResources
    case failed(Int32)
}

#if canImport(Glibc)
    private func systemBind(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
        Glibc.bind(fd, address, length)
    }
#else
    private func systemBind(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
        Darwin.bind(fd, address, length)
    }
#endif
