import Foundation
import Synchronization
import TickmarkProbes

/// SIGINT, SIGTERM and SIGHUP during `tickmark run`: the signal is forwarded to every probe's
/// process group, the groups are killed a moment later, and Tickmark then ends by the same signal
/// (so its parent sees the conventional status: 130, 143, 129). Probes run in sessions of their
/// own, so without this a CI cancellation would never reach them.
final class RunSignals: @unchecked Sendable {
    /// The signals handled.
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// How long the groups have between the forwarded signal and SIGKILL.
    static let grace: TimeInterval = 0.5

    /// Whether signals are handled: in the `tickmark` process only (`TickmarkCommand.runMain`),
    /// never when commands run inside another program, such as the tests, whose signal
    /// dispositions are not Tickmark's to change.
    static let enabled = Atomic<Bool>(false)

    // Created once in `init`, cancelled only in `stop`.
    private let sources: [DispatchSourceSignal]
    private let previous: [sig_t?]

    /// Starts handling the signals, until `stop`.
    init() {
        guard Self.enabled.load(ordering: .relaxed) else {
            (previous, sources) = ([], [])
            return
        }
        previous = Self.handled.map { signal($0, SIG_IGN) }
        sources = Self.handled.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { RunSignals.stopRun(by: number) }
            source.resume()
            return source
        }
    }

    /// Set once a signal is being handled: the run must not finish on its own meanwhile.
    private static let stopping = Mutex(false)

    /// Stops handling the signals; their earlier dispositions are restored. When a signal is
    /// being handled, waits for it to end the process instead.
    func stop() {
        while Self.stopping.withLock({ $0 }) { usleep(100_000) }
        for source in sources { source.cancel() }
        for (number, disposition) in zip(Self.handled, previous) { signal(number, disposition ?? SIG_DFL) }
    }

    /// Forwards `number` to the probes' groups, kills them, and ends the process by `number`.
    private static func stopRun(by number: Int32) {
        stopping.withLock { $0 = true }
        ProbeProcessGroups.signalAll(number, closing: true)
        let end = Date().addingTimeInterval(grace)
        while !ProbeProcessGroups.running.isEmpty, Date() < end { usleep(10_000) }
        ProbeProcessGroups.signalAll(SIGKILL, closing: true)
        signal(number, SIG_DFL)
        // This thread blocks signals (dispatch threads do): unblock it here, then raise it.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(number)
        _exit(128 + number)
    }
}
