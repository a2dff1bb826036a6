/// Reads the `approve:` code spans of an item's text into `ApprovalRule`s (SPEC §6), and checks
/// what can be checked within the file: the rule is on a manual item, and each `after=` names an
/// item of the file.
enum ApprovalSyntax {
    /// Reads one `approve:` span; `start` is the position of its first byte.
    static func rule(literal: String, start: SourcePosition, source: SourceText, path: String, diagnostics: inout [Diagnostic]) -> ApprovalRule? {
        switch ApprovalRule.parse(literal) {
        case .success(var rule):
            rule.position = start
            return rule
        case .failure(let problem):
            diagnostics.append(.malformedApproval(problem.message, path: path, at: source.position(ofOffset: start.offset + problem.offset), length: problem.length))
            return nil
        }
    }

    /// The problems of the rules of `items` that need the whole file: a rule on an item with
    /// probes, an `after=` that names no item of the file or the item itself.
    static func diagnostics(_ items: [PendingItem], ids: [ItemIDs.Assigned], source: SourceText, path: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let known = Set(ids.map(\.id))
        for (index, item) in items.enumerated() {
            for rule in item.approvals {
                guard let position = rule.position else { continue }
                if !item.probes.isEmpty {
                    diagnostics.append(.approvalOnProbeItem(path: path, at: position, length: rule.source.utf8.count))
                }
                for (after, offset) in zip(rule.after, rule.afterOffsetsInSource) {
                    let at = source.position(ofOffset: position.offset + offset, from: position)
                    if after == ids[index].id {
                        diagnostics.append(.malformedApproval("`after=\(after)` names this item itself; name the item that must be done first", path: path, at: at, length: after.utf8.count))
                    } else if !known.contains(after) {
                        let near = Suggestion.closest(to: after, among: ids.map(\.id))
                        diagnostics.append(.malformedApproval(
                            "`after=\(after)` names no item of this file" + (near.map { "; did you mean '\($0)'?" } ?? ""),
                            path: path, at: at, length: after.utf8.count
                        ))
                    }
                }
            }
        }
        return diagnostics
    }
}

extension DiagnosticID {
    /// An `approve:` rule could not be read, or cannot hold.
    package static let malformedApproval = DiagnosticID("MalformedApproval")
    /// An `approve:` rule names a role the roster does not have, or the roster has a problem.
    package static let roster = DiagnosticID("Roster")
}

extension Diagnostic {
    /// An `approve:` span that cannot be read.
    static func malformedApproval(_ message: String, path: String, at position: SourcePosition, length: Int) -> Diagnostic {
        Diagnostic(.malformedApproval, .error, message, path: path, at: position, length: length)
    }

    /// An `approve:` span on an item with probes: the rule would never be asked.
    static func approvalOnProbeItem(path: String, at position: SourcePosition, length: Int) -> Diagnostic {
        Diagnostic(
            .malformedApproval, .error, "approval rules apply to manual items, and this item has probes, so its result comes from them",
            path: path, at: position, length: length,
            notes: ["move the approval to a manual item of its own, such as `- [ ] Release approved `approve: 1 @release-manager``"]
        )
    }
}
