import Dispatch
import Locking

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Jobs waiting for an event loop's thread, and whether that thread is asleep in the poller.
struct LoopJobQueue {
    var pending: [UnownedJob] = []
    /// The thread is in (or about to enter) `epoll_wait` and must be woken for a new job.
    var sleeping = false
    /// A wake-up was sent and not yet consumed: one is enough.
    var wakeSent = false
    /// The thread has exited; later jobs run on Dispatch's global queue.
    var stopped = false
}

/// The loop is also the task executor of the connections it serves: a connection's task
/// runs on the loop's own thread, so a request read, answered and written costs no hop
/// between the epoll thread and the cooperative pool (two thread switches a request before).
/// A handler that blocks therefore delays the other connections of its loop, as in SwiftNIO.
extension EventLoop: TaskExecutor {
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        // The wake-up is written under the lock: once `stopped` is set the poller may be
        // closed, and its descriptor number reused.
        let accepted = jobs.withLock { queue -> Bool in
            guard !queue.stopped else { return false }
            queue.pending.append(job)
            if queue.sleeping && !queue.wakeSent {
                queue.wakeSent = true
                poller.wake()
            }
            return true
        }
        if !accepted {
            let executor = asUnownedTaskExecutor()
            DispatchQueue.global().async { job.runSynchronously(on: executor) }
        }
    }

    /// Runs the jobs queued so far; jobs they enqueue wait for the next turn of the loop, so
    /// a task that keeps yielding cannot starve the poller.
    func runQueuedJobs() {
        let batch = jobs.withLock { queue -> [UnownedJob] in
            defer { queue.pending.removeAll(keepingCapacity: true) }
            return queue.pending
        }
        let executor = asUnownedTaskExecutor()
        for job in batch { job.runSynchronously(on: executor) }
    }

    /// The poll timeout to use: 0 when jobs wait, else `timeout`, and then the thread counts
    /// as sleeping until `wokeUp`.
    func pollTimeout(_ timeout: Int32) -> Int32 {
        jobs.withLock { queue in
            if !queue.pending.isEmpty { return 0 }
            queue.sleeping = true
            return timeout
        }
    }

    func wokeUp() {
        jobs.withLock { queue in
            queue.sleeping = false
            queue.wakeSent = false
        }
    }

    /// Called as the thread exits: runs what is left; jobs those enqueue, and any later
    /// ones, go to Dispatch.
    func stopRunningJobs() {
        let left = jobs.withLock { queue -> [UnownedJob] in
            queue.stopped = true
            defer { queue.pending.removeAll() }
            return queue.pending
        }
        let executor = asUnownedTaskExecutor()
        for job in left { job.runSynchronously(on: executor) }
    }
}

/// Whether the calling thread is an event loop's, for tests and assertions: the loop marks
/// its thread when it starts (Foundation's `Thread.current.name` is not reliable on Linux).
package enum EventLoopThread {
    // A thread-local marker through the pthread API: Swift has no thread-local storage.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
    static func markCurrent() {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
    }

    package static var isCurrent: Bool {
        pthread_getspecific(key) != nil
    }
}
