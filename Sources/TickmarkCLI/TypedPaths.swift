import Foundation
import Tickmark

/// The files a command names, read from the console's current folder (the project), and named
/// in its messages as they were typed.
///
/// In-process, the console's folder is not the process's: every path a command opens goes
/// through `resolve`, and every error it throws through `naming`, which puts the typed names back.
struct TypedPaths {
    /// The console's current folder.
    let base: String
    /// Absolute path → the path as typed, for each path resolved.
    private var typed: [String: String] = [:]

    init(_ console: Console) {
        base = console.currentDirectory
    }

    /// `path` (`~/` expanded) made absolute against the console's folder.
    mutating func resolve(_ path: String, console: Console) -> String {
        let absolute = CommandPaths.absolute(expandHome(path, console: console), base: base)
        typed[absolute] = path
        return absolute
    }

    /// `path` as it was typed when it was resolved (or names a file beside one that was: a
    /// signature `FILE.sig`), else as it is.
    func display(_ path: String) -> String {
        if let shown = typed[path] { return shown }
        for (absolute, shown) in typed.sorted(by: { $0.key.count > $1.key.count }) where path.hasPrefix(absolute) {
            return shown + path.dropFirst(absolute.count)
        }
        return path
    }

    /// `error` naming its file, and any resolved path in its message, as typed.
    func naming(_ error: TickmarkError) -> TickmarkError {
        var named = error
        named.path = error.path.map(display)
        for (absolute, shown) in typed.sorted(by: { $0.key.count > $1.key.count }) {
            named.message = named.message.replacingOccurrences(of: absolute, with: shown)
        }
        return named
    }
}
