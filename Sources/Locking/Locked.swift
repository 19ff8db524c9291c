#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A value guarded by a pthread mutex: the lock every shared state of the mock uses.
///
/// Why not `Synchronization.Mutex`: on Linux the toolchain's `Mutex` locks with raw futex
/// calls that ThreadSanitizer does not intercept, so `swift test --sanitize=thread` reports
/// every access under it as a race (a ten-line program appending to an array under a
/// `Mutex` from four threads does) and real races drown in the noise. TSan intercepts
/// `pthread_mutex_lock`, so it sees the happens-before edges of this lock. The cost is the
/// same uncontended: both are one atomic exchange in user space.
///
/// `@unchecked Sendable`, and why that is sound: `value` is read or written only inside
/// `withLock`, between `pthread_mutex_lock` and `pthread_mutex_unlock` of the one mutex
/// this instance owns, so no two threads ever touch it at once; the mutex itself lives in
/// memory allocated once and never moved, as POSIX requires.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    public init(_ value: Value) {
        self.value = value
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value. Do not call `withLock` on the same
    /// instance inside `body`: the mutex is not recursive.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
