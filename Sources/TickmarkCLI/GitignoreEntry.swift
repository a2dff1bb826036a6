import Foundation
import Tickmark
import TickmarkProbes

/// The lines `init` adds to a project's `.gitignore` so that run records stay out of git.
enum GitignoreEntry {
    /// What `add` did.
    enum Change: Equatable {
        /// The file did not exist and was created.
        case created
        /// The lines were appended to the existing file.
        case appended
        /// The file already ignores the folder; nothing was written.
        case present
    }

    /// The block for the records folder `folder` (relative to the project, without a trailing
    /// slash). For `.tickmark`, the roster (`.tickmark/roster.yml`) stays tracked.
    static func block(for folder: String) -> String {
        let escaped = escape(folder)
        if folder == RecordsFolder.defaultPath {
            return "# Tickmark's run records (the roster, .tickmark/roster.yml, stays tracked)\n/\(escaped)/*\n!/\(escaped)/roster.yml\n"
        }
        return "# Tickmark's run records\n/\(escaped)/\n"
    }

    /// Whether a line of `.gitignore` already ignores `folder` (`folder`, `/folder/`, `folder/*`…).
    static func ignores(_ line: Substring, _ folder: String) -> Bool {
        var entry = line.trimmingCharacters(in: .whitespaces)[...]
        guard !entry.hasPrefix("#"), !entry.hasPrefix("!") else { return false }
        if entry.hasPrefix("/") { entry = entry.dropFirst() }
        for ending in ["/**", "/*", "/"] where entry.hasSuffix(ending) {
            entry = entry.dropLast(ending.count)
            break
        }
        return entry == escape(folder)[...]
    }

    /// Adds the block for `folder` to the `.gitignore` at `path` unless a line already ignores
    /// it; the file's existing bytes are kept as they are (a missing final newline is added
    /// before the block).
    static func add(_ folder: String, to path: String) throws(TickmarkError) -> Change {
        let existing: [UInt8]? = FileManager.default.fileExists(atPath: path) ? try ChecklistFile.readBytes(path) : nil
        if let existing {
            let text = String(decoding: existing, as: UTF8.self)
            if text.split(whereSeparator: \.isNewline).contains(where: { ignores($0, folder) }) { return .present }
        }
        var bytes = existing ?? []
        if let last = bytes.last, last != 0x0A { bytes.append(0x0A) }
        bytes += Array(block(for: folder).utf8)
        try AtomicFile.replace(path: path, expected: existing, with: bytes)
        return existing == nil ? .created : .appended
    }

    /// `folder` with the characters `.gitignore` treats specially escaped.
    private static func escape(_ folder: String) -> String {
        var result = ""
        for character in folder {
            if "*?[]\\!# ".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
