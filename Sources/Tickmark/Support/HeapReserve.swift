import CTickmarkArena
import Synchronization

/// Malloc heaps grown ahead for the threads that read a large checklist.
///
/// Reading a 2 MB checklist allocates some hundred thousand small objects on three threads, and
/// glibc grows each thread's heap a page or a few at a time, one `mprotect` call each (about
/// 3,000 calls). Once enabled, each such thread grows its heap by `bytesPerThread` in one step
/// first. The thread that reads the file, which makes most of the allocations, also asks for
/// transparent huge pages there (about 7,800 page faults become 3,200, for about 2.5 MB more
/// peak memory on that file). Enabling changes process-wide malloc settings (see
/// `tickmark_heap_keep_free_memory`), so the `tickmark` executable does it and library users
/// opt in.
public enum HeapReserve {
    private static let reserve = Atomic<Int>(0)

    /// Keeps free heap memory for reuse and has every thread reading a large checklist grow its
    /// heap by `bytesPerThread` (below 32 MiB) first. Call once, early.
    public static func enable(bytesPerThread: Int = 24 << 20) {
        precondition(bytesPerThread > 0 && bytesPerThread < 32 << 20, "a reserve below 32 MiB")
        tickmark_heap_keep_free_memory()
        reserve.store(bytesPerThread, ordering: .relaxed)
    }

    /// Grows the calling thread's heap, when enabled; with `hugePages`, in transparent huge pages.
    static func growThisThreadsHeap(hugePages: Bool = false) {
        let bytes = reserve.load(ordering: .relaxed)
        if bytes > 0 { tickmark_heap_reserve(bytes, hugePages ? 1 : 0) }
    }
}
