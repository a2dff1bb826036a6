import Synchronization

/// Large values the process is about to exit with anyway.
///
/// Releasing a model of tens of thousands of items takes milliseconds, and the operating system
/// takes the memory back at exit in one go. Commands hand their largest values here; in the
/// `tickmark` process they are kept until exit instead of being released piece by piece. Called
/// in-process (by tests), nothing is kept.
enum ExitWithoutCleanup {
    private static let kept = Mutex<[any Sendable]?>(nil)

    /// Keeps values handed to `keep` from now on (called once by the executable).
    static func enable() {
        kept.withLock { if $0 == nil { $0 = [] } }
    }

    /// Keeps `value` alive until the process exits, when enabled.
    static func keep(_ value: some Sendable) {
        kept.withLock { $0?.append(value) }
    }
}
