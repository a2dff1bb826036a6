import Foundation
import Tickmark

extension GitProbe {
    /// How large a checklist `git clean` compares with its committed version.
    static let checklistSizeLimit = 16 * 1024 * 1024

    /// `git clean`: no uncommitted changes and no untracked files, apart from Tickmark's own:
    /// the records folder (when it lies inside the repository) is left out of `git status`, and
    /// a Markdown file whose staged and working copies differ from HEAD only in the state bytes
    /// of its task items' boxes (ticks written by `run --write`) is not a change.
    static func clean(_ git: GitRunner, context: ProbeContext) async throws(EarlyResult) -> ProbeResult {
        var arguments = ["status", "--porcelain=v1", "--untracked-files=normal"]
        var topLevel: String?
        let records = context.resolve(context.recordsFolder)
        if context.files.exists(records) {
            let top = try await git.require(["rev-parse", "--show-toplevel"]).trimmed
            topLevel = top
            if let inside = relativePath(of: records, under: top) {
                arguments += ["--", ":(top)", ":(top,exclude,literal)" + inside]
            }
        }
        let output = try await git.require(arguments)
        var changes = output.standardOutput.split(whereSeparator: \.isNewline).map(String.init)
        var ticked: [String] = []
        for change in changes where isTickCandidate(change) {
            let top: String
            if let topLevel { top = topLevel } else {
                top = try await git.require(["rev-parse", "--show-toplevel"]).trimmed
                topLevel = top
            }
            if try await onlyTicksChanged(change, git: git, topLevel: top, context: context) { ticked.append(change) }
        }
        changes.removeAll { ticked.contains($0) }
        let tickedPaths = ticked.map { String(decoding: unquoted($0.dropFirst(3)), as: UTF8.self) }
        var fields = [EvidenceField("changes", String(changes.count))]
        if !ticked.isEmpty { fields.append(EvidenceField("ticks only", tickedPaths.joined(separator: ", "))) }
        let evidence = ProbeEvidence(action: git.action(arguments), output: EvidenceText.head(Array(output.standardOutput.utf8)), fields: fields)
        guard !changes.isEmpty else {
            let note = ticked.isEmpty ? "" : " apart from ticks in \(tickedPaths.joined(separator: ", "))"
            return ProbeResult(.pass, "the working tree is clean" + note, evidence: evidence)
        }
        let shown = changes.prefix(3).joined(separator: ", ") + (changes.count > 3 ? ", …" : "")
        return ProbeResult(.fail, "the working tree has \(ExecutionText.count(changes.count, "change")): \(shown)", evidence: evidence)
    }

    /// A porcelain line for a Markdown file modified in the index, the working tree or both
    /// (not added, deleted or renamed).
    private static func isTickCandidate(_ line: String) -> Bool {
        let bytes = Array(line.utf8)
        guard bytes.count > 3, bytes[2] == 0x20 else { return false }
        let status = (bytes[0], bytes[1])
        guard status == (0x4D, 0x20) || status == (0x20, 0x4D) || status == (0x4D, 0x4D) else { return false }
        let path = String(decoding: unquoted(line.dropFirst(3)), as: UTF8.self).lowercased()
        return path.hasSuffix(".md") || path.hasSuffix(".markdown")
    }

    /// A path as porcelain prints it, with git's C-style quoting (`"r\303\251cap.md"`) undone.
    static func unquoted(_ text: Substring) -> [UInt8] {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.first == 0x22, bytes.last == 0x22 else { return bytes }
        var result: [UInt8] = []
        var index = 1
        while index < bytes.count - 1 {
            let byte = bytes[index]
            index += 1
            guard byte == 0x5C, index < bytes.count - 1 else { result.append(byte); continue }
            let escaped = bytes[index]
            index += 1
            switch escaped {
            case 0x30...0x37:
                var value = Int(escaped - 0x30)
                for _ in 0..<2 where index < bytes.count - 1 && (0x30...0x37).contains(bytes[index]) {
                    value = value * 8 + Int(bytes[index] - 0x30)
                    index += 1
                }
                result.append(UInt8(truncatingIfNeeded: value))
            case 0x61: result.append(0x07)
            case 0x62: result.append(0x08)
            case 0x66: result.append(0x0C)
            case 0x6E: result.append(0x0A)
            case 0x72: result.append(0x0D)
            case 0x74: result.append(0x09)
            case 0x76: result.append(0x0B)
            default: result.append(escaped)
            }
        }
        return result
    }

    /// Whether every changed copy of the file (staged, working) equals HEAD's after the state
    /// byte of each task item's box is blanked in both.
    private static func onlyTicksChanged(_ line: String, git: GitRunner, topLevel: String, context: ProbeContext) async throws(EarlyResult) -> Bool {
        let path = String(decoding: unquoted(line.dropFirst(3)), as: UTF8.self)
        let head = try await git.run(["cat-file", "blob", "HEAD:" + path], outputLimit: checklistSizeLimit)
        guard head.status == 0 else { return false }
        var copies: [[UInt8]] = []
        if line.utf8.first == 0x4D {
            let staged = try await git.run(["cat-file", "blob", ":" + path], outputLimit: checklistSizeLimit)
            guard staged.status == 0 else { return false }
            copies.append(staged.standardOutputBytes)
        }
        if Array(line.utf8)[1] == 0x4D {
            guard let working = try? context.files.read(topLevel + "/" + path) else { return false }
            copies.append(working)
        }
        let committed = withBlankBoxes(head.standardOutputBytes, path: path)
        return !copies.isEmpty && copies.allSatisfy { copy in
            guard copy.count == head.standardOutputBytes.count, let blanked = withBlankBoxes(copy, path: path) else { return false }
            return committed?.offsets == blanked.offsets && committed?.bytes == blanked.bytes
        }
    }

    /// The bytes with each task item's state byte (the one after `[`) made a space, and the
    /// boxes' offsets; `nil` when the file has no task items.
    static func withBlankBoxes(_ bytes: [UInt8], path: String) -> (bytes: [UInt8], offsets: [Int])? {
        let offsets = ChecklistParser.parse(bytes, path: path).allItems.map(\.boxOffset).sorted()
        guard !offsets.isEmpty else { return nil }
        var blanked = bytes
        for offset in offsets where offset + 1 < blanked.count { blanked[offset + 1] = 0x20 }
        return (blanked, offsets)
    }

    /// `path` relative to the folder `top`, when it lies strictly inside it (symbolic links resolved).
    private static func relativePath(of path: String, under top: String) -> String? {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        let base = URL(fileURLWithPath: top).resolvingSymlinksInPath().standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        guard resolved.hasPrefix(prefix), resolved.count > prefix.count else { return nil }
        return String(resolved.dropFirst(prefix.count))
    }
}
