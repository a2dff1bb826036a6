#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread of its own for work that runs beside the caller and is joined before the caller
/// goes on. Helpers do large work: each grows its heap ahead first (`HeapReserve`).
///
/// Dispatch's global queues and Swift's cooperative pool keep about one thread per core, and the
/// caller may itself be one of those threads (every command runs in an async context). Work
/// handed to them can then wait until Dispatch notices the pool is stuck and adds a thread,
/// about a second later; on a one-core machine that happens every time. A thread of its own
/// starts in tens of microseconds whatever else is running.
struct HelperThread: ~Copyable {
    private let thread: pthread_t

    /// Closures travel to the new thread in a box it takes ownership of.
    private final class Job {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// The stack each helper gets (as much as a process's main thread usually has).
    static let stackSize = 8 << 20

    /// Starts `body` on a new thread, or returns nil when the system cannot start one (the
    /// caller then does the work itself).
    init?(_ body: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, HelperThread.stackSize)
        let job = Unmanaged.passRetained(Job(body))
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let result = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            HeapReserve.growThisThreadsHeap()
            Unmanaged<Job>.fromOpaque(context).takeRetainedValue().body()
            return nil
        }, job.toOpaque())
        guard result == 0 else {
            job.release()
            return nil
        }
        #if canImport(Glibc)
        self.thread = thread
        #else
        guard let thread else { return nil }
        self.thread = thread
        #endif
    }

    /// Waits for the thread's work to finish.
    consuming func join() {
        pthread_join(thread, nil)
        discard self
    }

    deinit {
        pthread_join(thread, nil)
    }

    /// Runs `first` here and `second` on a helper thread at the same time, and returns when both
    /// are done (one after the other, here, when no thread can be started).
    static func sideBySide(_ first: () -> Void, _ second: @escaping @Sendable () -> Void) {
        guard let helper = HelperThread(second) else {
            first()
            second()
            return
        }
        first()
        helper.join()
    }
}
