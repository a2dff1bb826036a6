import Foundation
import Synchronization

/// Runs blocking work (waiting for processes, `poll`, `getaddrinfo`) on a thread of its own, so
/// that it never holds one of the few threads Swift concurrency shares between tasks. The one
/// place in Tickmark that starts threads.
enum DetachedThread {
    /// Starts `work` on a new thread with a stack of `stackSize` bytes and returns at once.
    static func start(stackSize: Int = 1 << 20, _ work: @escaping @Sendable () -> Void) {
        let thread = Thread(block: work)
        thread.stackSize = stackSize
        thread.start()
    }

    /// Runs `work` on a new thread and returns its result. When the awaiting task is cancelled,
    /// `onCancel` runs (on the cancelling thread); `work` should then finish early.
    static func run<Result: Sendable>(
        _ work: @escaping @Sendable () -> Result,
        onCancel: @escaping @Sendable () -> Void = {}
    ) async -> Result {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
                start { continuation.resume(returning: work()) }
            }
        } onCancel: {
            onCancel()
        }
    }
}

/// A flag one thread raises for another to see.
final class CancellationFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    /// Raises the flag.
    func raise() { raised.store(true, ordering: .relaxed) }

    /// Whether the flag was raised.
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
