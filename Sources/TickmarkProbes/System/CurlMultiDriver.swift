import CTickmarkCurl
import Foundation
import Synchronization

/// Performs every HTTP transfer of the process with one libcurl multi handle, on one thread of its
/// own (started on first use): a request costs a socket, not a thread.
///
/// A caller sets its easy handle up, hands it to `perform` and awaits the result; the driver adds
/// it to the multi handle, drives all transfers with `curl_multi_perform` and `curl_multi_poll`,
/// and removes the handle before resuming its caller, who then reads what it needs and frees it.
/// So a handle is touched by one thread at a time. Cancelling the awaiting task removes the handle
/// at once: the transfer stops even when the server sends nothing.
final class CurlMultiDriver: @unchecked Sendable {
    /// The driver of the process; nil when libcurl has no multi handle to give. Load libcurl
    /// (`CurlLibrary.load`) before asking for it: the answer is kept.
    static let shared: CurlMultiDriver? = {
        guard let multi = tickmark_curl_multi_init() else { return nil }
        return CurlMultiDriver(multi: multi)
    }()

    /// The result given to a transfer whose task was cancelled.
    static let cancelledCode = CURLE_ABORTED_BY_CALLBACK

    /// How long the loop waits when nothing happens; a submission or a cancellation wakes it sooner.
    private static let idleWait: Int32 = 1000

    /// One transfer handed over; its fields are guarded by the driver's lock.
    private final class Submission: @unchecked Sendable {
        let handle: UnsafeMutableRawPointer
        var waiter: CheckedContinuation<CURLcode, Never>?
        var cancelled = false

        init(handle: UnsafeMutableRawPointer) { self.handle = handle }
    }

    private struct Queue {
        var started = false
        var submitted: [Submission] = []
        var cancelled: [Submission] = []
    }

    // Set once in `init`; from other threads only `curl_multi_wakeup` touches it, which libcurl
    // allows.
    private let multi: UnsafeMutableRawPointer
    private let queue = Mutex(Queue())

    private init(multi: UnsafeMutableRawPointer) {
        self.multi = multi
        tickmark_curl_multi_set_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 0)
        tickmark_curl_multi_set_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 0)
    }

    /// Performs the transfer `handle` is set up for and returns libcurl's result, or
    /// `cancelledCode` when the awaiting task is cancelled first. The handle is out of the multi
    /// handle when this returns.
    func perform(_ handle: UnsafeMutableRawPointer) async -> CURLcode {
        let submission = Submission(handle: handle)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: CheckedContinuation<CURLcode, Never>) in
                let (queued, startThread) = queue.withLock { queue -> (Bool, Bool) in
                    guard !submission.cancelled else { return (false, false) }
                    submission.waiter = waiter
                    queue.submitted.append(submission)
                    defer { queue.started = true }
                    return (true, !queue.started)
                }
                guard queued else { return waiter.resume(returning: Self.cancelledCode) }
                if startThread {
                    DetachedThread.start { [self] in run() }
                } else {
                    tickmark_curl_multi_wakeup(multi)
                }
            }
        } onCancel: {
            let queued = queue.withLock { queue -> Bool in
                submission.cancelled = true
                guard submission.waiter != nil else { return false }
                queue.cancelled.append(submission)
                return true
            }
            if queued { tickmark_curl_multi_wakeup(multi) }
        }
    }

    /// The loop of the driver's thread; it never ends.
    private func run() {
        var active: [UnsafeMutableRawPointer: Submission] = [:]
        func finish(_ submission: Submission, _ code: CURLcode) {
            active[submission.handle] = nil
            let waiter = queue.withLock { _ in
                defer { submission.waiter = nil }
                return submission.waiter
            }
            waiter?.resume(returning: code)
        }
        while true {
            let (submitted, cancelled) = queue.withLock { queue in
                defer { (queue.submitted, queue.cancelled) = ([], []) }
                return (queue.submitted, queue.cancelled)
            }
            for submission in submitted {
                active[submission.handle] = submission
                if tickmark_curl_multi_add(multi, submission.handle) != CURLM_OK { finish(submission, CURLE_FAILED_INIT) }
            }
            for submission in cancelled where active[submission.handle] === submission {
                tickmark_curl_multi_remove(multi, submission.handle)
                finish(submission, Self.cancelledCode)
            }
            var running: Int32 = 0
            tickmark_curl_multi_perform(multi, &running)
            var handle: UnsafeMutableRawPointer?
            var code = CURLE_OK
            while tickmark_curl_multi_next_done(multi, &handle, &code) != 0 {
                guard let handle, let submission = active[handle] else { continue }
                tickmark_curl_multi_remove(multi, handle)
                finish(submission, code)
            }
            tickmark_curl_multi_poll(multi, Self.idleWait)
        }
    }
}
