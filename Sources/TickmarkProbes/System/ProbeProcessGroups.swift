import Foundation
import Synchronization

/// The process groups of the probes running now (each probe's process leads a session, so a
/// group, of its own), so that a run stopped by a signal can end them before it exits: CI
/// cancellation must reach what the probes started.
package enum ProbeProcessGroups {
    private struct State {
        var groups: Set<pid_t> = []
        var closed = false
    }

    private static let state = Mutex(State())

    /// Records the group led by `pid`. `false` once the run is being stopped: the caller then
    /// kills the group at once.
    static func register(_ pid: pid_t) -> Bool {
        state.withLock { state in
            guard !state.closed else { return false }
            state.groups.insert(pid)
            return true
        }
    }

    /// Forgets the group led by `pid` (its leader ended and the group was killed; it is about to
    /// be reaped).
    static func unregister(_ pid: pid_t) {
        _ = state.withLock { $0.groups.remove(pid) }
    }

    /// The groups running now.
    package static var running: [pid_t] {
        state.withLock { Array($0.groups) }
    }

    /// Sends `signal` to every group running now, and from now on refuses new ones (each is killed
    /// as soon as it starts) when `closing`.
    package static func signalAll(_ signal: Int32, closing: Bool) {
        let groups = state.withLock { state -> Set<pid_t> in
            if closing { state.closed = true }
            return state.groups
        }
        for group in groups { kill(-group, signal) }
    }
}
