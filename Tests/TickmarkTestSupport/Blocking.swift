import Foundation

/// Runs `body`, which blocks for seconds (a server starting, processes running), on a thread of its
/// own, so that it does not hold one of the few threads every other test's async work runs on.
package func offThePool<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}
