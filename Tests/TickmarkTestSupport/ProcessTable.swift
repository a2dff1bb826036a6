import Foundation

/// The processes of this machine, read from `/proc`.
public enum ProcessTable {
    /// The pids whose command line contains `marker`.
    public static func pids(matching marker: String) -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let commandLine = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return commandLine.contains(marker) && !isZombie(pid)
        }
    }

    private static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Kills whatever still matches `marker` (clean-up after a failed expectation).
    public static func killAll(matching marker: String) {
        for pid in pids(matching: marker) { kill(pid, SIGKILL) }
    }

    /// A `sleep` duration unique to one test, so its processes can be found: `30.123456`.
    public static func uniqueSleep() -> String {
        "30.\(Int.random(in: 100_000...999_999))"
    }
}
