import Foundation
import Tickmark
import TickmarkProbes
import TickmarkReport

/// What `run` needs to decide items with approval rules: the roster (looked up as
/// `RosterLookup` says) and, for `not=author`, the author of the change: the pull request's
/// author in pull-request mode, else the author of the commit at HEAD of the working directory.
enum RunApprovals {
    /// The judge and the author, or nil when no checklist has an approval rule. `signOffs` are
    /// all of the record's, so that the decision can name those that do not count.
    static func setup(
        _ checklists: [Checklist], claimant: String?, signOffs: [SignOff], trustArguments: SignerTrustArguments,
        workingDirectory: String, console: Console
    ) throws(TickmarkError) -> (judge: ApprovalJudge, author: ChangeAuthor?)? {
        let rules = checklists.flatMap { $0.allItems.flatMap(\.approvals) }
        guard !rules.isEmpty else { return nil }
        let trust = try trustArguments.trust(console, checklists: checklists.map(RosterLookup.Hint.init))
        var author: ChangeAuthor?
        if rules.contains(where: \.notAuthor) {
            author = claimant.map(ChangeAuthor.init) ?? ChangeAuthor.gitAuthor(in: workingDirectory)
        }
        return (ApprovalJudge(trust: trust, author: author, signOffs: signOffs), author)
    }
}

extension RunApprovals {
    /// The checklists of `record` with their front matter `roster:`, where `sign-off` and `report`
    /// look for the roster, when the record has approval rules; otherwise none (the roster is then
    /// `--roster` or `.tickmark/roster.yml`, as before).
    /// A checklist's path is taken in the folder the run happened in, so that the roster beside
    /// it is found from anywhere.
    static func rosterHints(_ records: [RunRecord]) -> [RosterLookup.Hint] {
        guard records.contains(where: { $0.checklists.contains { $0.items.contains { $0.approvals != nil } } }) else { return [] }
        return records.flatMap { record in
            record.checklists.map { checklist in
                var path = checklist.path
                if !path.hasPrefix("/"), !path.hasPrefix("github:") { path = CommandPaths.absolute(path, base: record.environment.workingDirectory) }
                guard let bytes = checklist.sourceBytes else { return RosterLookup.Hint(path, roster: nil) }
                let parsed = ChecklistParser.parse(bytes, path: path)
                return RosterLookup.Hint(path, roster: parsed.roster, inline: parsed.inlineRoster)
            }
        }
    }
}
