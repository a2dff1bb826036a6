import Foundation
import Tickmark

/// Where the roster is (SPEC §6), first found wins: `--roster`; front matter `roster:` of a
/// checklist (the roster itself, or a path relative to the checklist's folder);
/// `.tickmark/roster.yml` in the current folder; `.tickmark/roster.yml` beside a checklist, in its
/// folder or the nearest folder above it.
enum RosterLookup {
    /// A checklist as the lookup sees it: its path and its front matter `roster:`.
    struct Hint {
        var path: String
        var roster: String?
        var inline: RosterFile?

        init(_ path: String, roster: String?, inline: RosterFile? = nil) {
            self.path = path
            self.roster = roster
            self.inline = inline
        }

        init(_ checklist: Checklist) {
            self.init(checklist.path, roster: checklist.roster, inline: checklist.inlineRoster)
        }
    }

    /// The roster in a checklist's front matter, when the lookup reaches one before any file.
    static func inline(explicit: String?, checklists: [Hint]) -> (roster: RosterFile, path: String)? {
        guard explicit == nil, let first = checklists.first(where: { $0.roster != nil || $0.inline != nil }), let roster = first.inline else { return nil }
        return (roster, first.path)
    }

    /// The roster's absolute path and the path shown in messages, or nil when there is none.
    static func find(explicit: String?, checklists: [Hint], console: Console) -> (path: String, display: String)? {
        let base = console.currentDirectory
        if let explicit { return (CommandPaths.absolute(explicit, base: base), explicit) }
        for checklist in checklists where checklist.roster != nil || checklist.inline != nil {
            guard let roster = checklist.roster, !checklist.path.hasPrefix("github:") else { return nil }
            let folder = (CommandPaths.absolute(checklist.path, base: base) as NSString).deletingLastPathComponent
            let path = roster.hasPrefix("/") ? roster : (folder as NSString).appendingPathComponent(roster)
            return (path, display(path, base: base))
        }
        let local = CommandPaths.absolute(SignerTrustArguments.defaultRoster, base: base)
        if FileManager.default.fileExists(atPath: local) { return (local, SignerTrustArguments.defaultRoster) }
        for checklist in checklists where !checklist.path.hasPrefix("github:") {
            var folder = (CommandPaths.absolute(checklist.path, base: base) as NSString).deletingLastPathComponent
            while true {
                let candidate = (folder as NSString).appendingPathComponent(SignerTrustArguments.defaultRoster)
                if FileManager.default.fileExists(atPath: candidate) { return (candidate, display(candidate, base: base)) }
                let parent = (folder as NSString).deletingLastPathComponent
                if parent == folder || parent.isEmpty { break }
                folder = parent
            }
        }
        return nil
    }

    /// `path` relative to `base` when inside it.
    private static func display(_ path: String, base: String) -> String {
        let (path, base) = ((path as NSString).standardizingPath, (base as NSString).standardizingPath)
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
