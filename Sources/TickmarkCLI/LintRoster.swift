import Foundation
import Tickmark
import TickmarkReport

/// The roster half of `lint`: the roster's own problems, and the approval rules of the checklists
/// against it. The roster is checked when `--roster` names it, or when a checklist has approval
/// rules or a front matter `roster:` (then it is looked up as `RosterLookup` says).
enum LintRoster {
    /// One file's result: the roster's, when it has problems or cannot be read.
    typealias Result = (path: String, source: SourceText?, diagnostics: [Diagnostic], error: TickmarkError?)

    /// The roster's result (nil when nothing is checked or nothing is wrong) and, per checklist
    /// path, the problems of its rules against the roster.
    static func check(_ checklists: [Checklist], explicit: String?, console: Console) -> (roster: Result?, rules: [String: [Diagnostic]]) {
        let uses = checklists.contains { $0.roster != nil || $0.inlineRoster != nil || $0.allItems.contains { !$0.approvals.isEmpty } }
        guard explicit != nil || uses else { return (nil, [:]) }
        let hints = checklists.map(RosterLookup.Hint.init)
        if let inline = RosterLookup.inline(explicit: explicit, checklists: hints), let holder = checklists.first(where: { $0.path == inline.path }) {
            var rules: [String: [Diagnostic]] = [holder.path: RosterCheck.check(inline.roster, path: holder.path, source: holder.source)]
            for checklist in checklists {
                rules[checklist.path, default: []] += RosterCheck.check(checklist, roster: inline.roster, rosterPath: "in the front matter of \(holder.path)")
            }
            return (nil, rules)
        }
        guard let found = RosterLookup.find(explicit: explicit.map { expandHome($0, console: console) }, checklists: hints, console: console) else {
            return (nil, [:])
        }
        let bytes: [UInt8]
        do {
            bytes = try ChecklistFile.readBytes(found.path)
        } catch {
            var error = error
            error.path = found.display
            if let declared = checklists.first(where: { $0.roster != nil }), explicit == nil, let position = declared.rosterPosition {
                let diagnostic = Diagnostic(.roster, .error, "the roster \(found.display) cannot be read: \(error.message)", path: declared.path, at: position, length: declared.roster?.utf8.count ?? 1)
                return (nil, [declared.path: [diagnostic]])
            }
            return ((found.display, nil, [], error), [:])
        }
        let (roster, diagnostics) = RosterCheck.check(bytes, path: found.display)
        var rules: [String: [Diagnostic]] = [:]
        if let roster {
            for checklist in checklists { rules[checklist.path] = RosterCheck.check(checklist, roster: roster, rosterPath: found.display) }
        }
        return (diagnostics.isEmpty ? nil : (found.display, SourceText(bytes: bytes), diagnostics, nil), rules)
    }
}
