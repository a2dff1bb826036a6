import Foundation
import Tickmark

/// One probe ready to run: decoded after variable substitution, with its limits.
struct PlannedProbe: Sendable {
    var checklist: Int
    var item: Int
    var index: Int
    var decoded: DecodedProbe
    var timeout: Duration
    var retry: RetryPolicy
    /// The `when` condition after substitution.
    var when: String?
    /// Indices (in the checklist's item list) of the items this probe needs.
    var needs: [Int]
    /// Dependency level: probes of level n run after every probe of lower levels.
    var level = 0
}

/// One selected item of a planned checklist.
struct PlannedItem: Sendable {
    var item: ChecklistItem
    var parent: Int?
    var depth: Int
}

/// A checklist ready to run.
struct PlannedChecklist: Sendable {
    var checklist: Checklist
    var items: [PlannedItem]
    var scope: VariableScope
    var probes: [PlannedProbe]
    /// `requires:` entries, each decoded as a `checklist` probe (unless the checklist is in this run).
    var requirements: [(id: String, probe: DecodedProbe?)]
}

/// Turns parsed checklists into planned ones, finding every problem before anything runs.
enum RunPlanner {
    static func plan(
        _ checklists: [Checklist], sources: VariableSources, builtins: [String: [String: String]],
        builtinProblems: [String: String], options: RunOptions
    ) throws(RunPlanError) -> [PlannedChecklist] {
        var diagnostics: [Diagnostic] = []
        var planned: [PlannedChecklist] = []
        for (checklistIndex, checklist) in checklists.enumerated() {
            let errors = checklist.diagnostics.filter { $0.severity == .error } + ProbeRegistry.validate(checklist).filter { $0.severity == .error }
            if !errors.isEmpty {
                diagnostics += errors
                continue
            }
            let scope = VariableScope(sources: sources, checklist: checklist, builtins: builtins[checklist.path] ?? [:])
            let items = select(checklist, options: options)
            var indexByID: [String: Int] = [:]
            for (index, planned) in items.enumerated() { indexByID[planned.item.id] = index }
            var probes: [PlannedProbe] = []
            // An N/A item's probes never run, so they are neither substituted nor decoded.
            for (itemIndex, planned) in items.enumerated() where planned.item.state != .na {
                for (probeIndex, spec) in planned.item.probes.enumerated() {
                    if let (name, position) = ProbeInterpolation.firstUndefined(in: spec, scope: scope) {
                        var notes = ["define it with --var \(name)=VALUE, in a --vars-file, as TICKMARK_VAR_\(name), or under `vars:` in front matter"]
                        var message = "variable '\(name)' is not defined"
                        if let problem = builtinProblems[name] {
                            message = "built-in variable '\(name)' has no value here"
                            notes = [problem]
                        }
                        diagnostics.append(Diagnostic(
                            DiagnosticID("UndefinedVariable"), .error, message,
                            path: checklist.path, at: position, notes: notes
                        ))
                        continue
                    }
                    // A value a kind cannot use plans the probe to fail or error (SPEC §1.5).
                    let (decoded, problems) = ProbeInterpolation.decode(spec, scope: scope, path: checklist.path)
                    diagnostics += problems.filter { $0.severity == .error }
                    guard let decoded else { continue }
                    var needs: [Int] = []
                    for need in decoded.common.needs {
                        guard let index = indexByID[need] else {
                            var message = "probe needs '\(need)', which is not an item of this checklist"
                            if let suggestion = Suggestion.closest(to: need, among: Array(indexByID.keys)) { message += "; did you mean '\(suggestion)'?" }
                            diagnostics.append(Diagnostic(DiagnosticID("UnknownNeed"), .error, message, path: checklist.path, at: spec.position))
                            continue
                        }
                        needs.append(index)
                    }
                    var retry = decoded.common.retry ?? RetryPolicy(attempts: (checklist.defaults.retries ?? 0) + 1)
                    if decoded.common.retry == nil, let interval = checklist.defaults.interval { retry.interval = interval }
                    if !options.retries { retry.attempts = 1 }
                    probes.append(PlannedProbe(
                        checklist: checklistIndex, item: itemIndex, index: probeIndex, decoded: decoded,
                        timeout: decoded.common.timeout ?? checklist.defaults.timeout ?? options.defaultTimeout,
                        retry: retry, when: decoded.common.when, needs: needs
                    ))
                }
            }
            if let cycle = assignLevels(&probes) {
                diagnostics.append(Diagnostic(
                    DiagnosticID("NeedsCycle"), .error,
                    "probes need each other in a cycle: \(cycle.map { items[$0].item.id }.joined(separator: " → "))",
                    path: checklist.path, at: items[cycle[0]].item.position
                ))
            }
            let requirements = (options.checksRequirements ? checklist.requires : []).map { id -> (String, DecodedProbe?) in
                if checklists.contains(where: { $0.id == id }) { return (id, nil) }
                let spec = ProbeSpec(
                    kind: "checklist", kindPosition: checklist.source.position(ofOffset: 0),
                    arguments: [ProbeArgument(value: id, position: checklist.source.position(ofOffset: 0), length: id.utf8.count)],
                    options: [], position: checklist.source.position(ofOffset: 0), form: .inline, source: "checklist \(id)"
                )
                return (id, ProbeRegistry.decode(spec, path: checklist.path).0)
            }
            planned.append(PlannedChecklist(checklist: checklist, items: items, scope: scope, probes: probes, requirements: requirements))
        }
        if !diagnostics.isEmpty { throw RunPlanError(diagnostics: diagnostics) }
        return planned
    }

    /// The items `options` select (all by default), with parents and depths.
    static func select(_ checklist: Checklist, options: RunOptions) -> [PlannedItem] {
        var result: [PlannedItem] = []
        let sectionKeys = Set(options.sections.map { $0.lowercased() })
        let only = Set(options.only)
        var stack: [(ChecklistItem, Int?, Int, Bool)] = checklist.items.reversed().map { ($0, nil, 0, false) }
        while let (item, parent, depth, inherited) = stack.popLast() {
            let matchesSection = sectionKeys.isEmpty || item.section.contains { sectionKeys.contains($0.lowercased()) || sectionKeys.contains(Slug.make($0) ?? "") }
            let matchesOnly = only.isEmpty || only.contains(item.id)
            let selected = inherited || (matchesSection && matchesOnly)
            var parentIndex = parent
            if selected {
                result.append(PlannedItem(item: item, parent: parent, depth: depth))
                parentIndex = result.count - 1
            }
            let childInherits = selected && (!only.isEmpty || !sectionKeys.isEmpty)
            stack.append(contentsOf: item.children.reversed().map { ($0, selected ? parentIndex : parent, selected ? depth + 1 : depth, childInherits || (selected && inherited)) })
        }
        return options.probesOnly ? withoutManualItems(result) : result
    }

    /// `items` without manual ones; children of a dropped item move up to its nearest kept ancestor.
    static func withoutManualItems(_ items: [PlannedItem]) -> [PlannedItem] {
        var kept: [PlannedItem] = []
        var newIndex = [Int?](repeating: nil, count: items.count)
        for (index, planned) in items.enumerated() {
            guard !planned.item.probes.isEmpty else { continue }
            var ancestor = planned.parent
            while let current = ancestor, newIndex[current] == nil { ancestor = items[current].parent }
            let parent = ancestor.flatMap { newIndex[$0] }
            kept.append(PlannedItem(item: planned.item, parent: parent, depth: parent.map { kept[$0].depth + 1 } ?? 0))
            newIndex[index] = kept.count - 1
        }
        return kept
    }

    /// Sets each probe's level from its `needs`; returns the item indices of a cycle, if any.
    private static func assignLevels(_ probes: inout [PlannedProbe]) -> [Int]? {
        var probesOfItem: [Int: [Int]] = [:]
        for (index, probe) in probes.enumerated() { probesOfItem[probe.item, default: []].append(index) }
        var level = [Int?](repeating: nil, count: probes.count)
        var visiting = Set<Int>()
        func visit(_ index: Int, path: [Int]) -> [Int]? {
            if level[index] != nil { return nil }
            if visiting.contains(index) { return path + [probes[index].item] }
            visiting.insert(index)
            var deepest = -1
            for need in probes[index].needs {
                for other in probesOfItem[need] ?? [] {
                    if let cycle = visit(other, path: path + [probes[index].item]) { return cycle }
                    deepest = max(deepest, level[other] ?? 0)
                }
            }
            visiting.remove(index)
            level[index] = deepest + 1
            return nil
        }
        for index in probes.indices {
            if let cycle = visit(index, path: []) { return cycle }
        }
        for index in probes.indices { probes[index].level = level[index] ?? 0 }
        return nil
    }
}
