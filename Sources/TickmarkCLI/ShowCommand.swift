import ArgumentParser
import Tickmark
import TickmarkProbes

/// `tickmark show PATH [--json]`: the structured items of a checklist.
struct ShowCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a checklist's items: ids, state, severity, owners and probes.",
        discussion: """
        Problems in the file are printed to standard error after the tree; they never stop the model from printing. With --json, prints the model as `tickmark.checklist/v1` JSON with the problems in its "diagnostics"; they are also printed to standard error only when it is a terminal, so a script reads them from the JSON.

        Examples:
          tickmark show checklists/production-readiness.md
          tickmark show --json checklists/staging.md | jq '.items[].id'
        """
    )

    @Argument(help: "The checklist file.")
    var path: String

    @Flag(help: "Print the model as JSON.")
    var json = false

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        var checklist = try ChecklistPaths.load(path, base: console.currentDirectory)
        if json {
            // Probe configurations are checked on another task while the items stream out; their
            // diagnostics close the JSON.
            let loaded = checklist
            let validation = Task { ProbeRegistry.validate(loaded) }
            await checklist.streamJSON(extra: { await validation.value }, into: console.outBytes)
            checklist.diagnostics += await validation.value
        } else {
            checklist.diagnostics += ProbeRegistry.validate(checklist)
            ChecklistTreeText(checklist: checklist, console: console).render(into: console.out)
        }
        if !json || console.isInteractive {
            let formatter = DiagnosticFormatter(colored: console.colors)
            for diagnostic in checklist.diagnostics {
                console.errorLine(formatter.format(diagnostic, source: checklist.source))
            }
        }
        return 0
    }
}

/// The human-readable tree printed by `tickmark show`.
struct ChecklistTreeText {
    let checklist: Checklist
    let console: Console

    /// Writes the tree to `out` in chunks of about 64 KiB, so a large checklist is never held as one text.
    func render(into out: (String) -> Void) {
        var text = ""
        func append(_ line: String) {
            text += line
            text += "\n"
            if text.utf8.count >= 1 << 16 {
                out(text)
                text = ""
            }
        }
        var itemCount = 0
        var probeCount = 0
        var manualCount = 0
        checklist.forEachItem { item in
            itemCount += 1
            probeCount += item.probes.count
            if item.isManual { manualCount += 1 }
        }
        append(console.style(checklist.title ?? checklist.id, "1") + "  (\(checklist.id), \(checklist.path))")
        append("\(itemCount) item\(itemCount == 1 ? "" : "s"), \(probeCount) probe\(probeCount == 1 ? "" : "s"), \(manualCount) manual")
        if !checklist.variables.isEmpty {
            append("vars: " + checklist.variables.map { "\($0.name)=\($0.value)" }.joined(separator: ", "))
        }
        if !checklist.requires.isEmpty {
            append("requires: " + checklist.requires.joined(separator: ", "))
        }
        var section: [String]? = nil
        var stack: [(ChecklistItem, Int)] = checklist.items.reversed().map { ($0, 0) }
        while let (item, depth) = stack.popLast() {
            if depth == 0, item.section != section {
                section = item.section
                append("")
                append(console.style(item.section.isEmpty ? "(no section)" : item.section.joined(separator: " › "), "1"))
            }
            let indent = String(repeating: "  ", count: depth + 1)
            let box = item.state == .checked ? "[x]" : item.state == .na ? "[~]" : "[ ]"
            var line = "\(indent)\(box) \(item.text.isEmpty ? "(no text)" : item.text)"
            if item.severity == .advisory { line += console.style("  (advisory)", "2") }
            if item.state == .na { line += console.style("  (n/a)", "2") }
            append(line)
            let detailIndent = indent + "    "
            append(detailIndent + console.style("id: \(item.id)  line \(item.position.line)" + (item.owners.isEmpty ? "" : "  owners: \(item.owners.joined(separator: " "))"), "2"))
            for probe in item.probes {
                let arguments = probe.arguments.map { ShellWords.quote($0.value) }
                let options = probe.options.map { option in "\(option.key)=\(option.value.scalarText.map(ShellWords.quote) ?? "{…}")" }
                append(detailIndent + "probe: " + ([probe.kind] + arguments + options).joined(separator: " ") + "  (\(probe.position.line):\(probe.position.column))")
            }
            if item.isManual && item.state != .na && !item.approvals.isEmpty {
                for rule in item.approvals { append(detailIndent + console.style("manual: needs " + rule.requirementText, "2")) }
            } else if item.isManual && item.state != .na {
                append(detailIndent + console.style("manual: needs a sign-off or a tick", "2"))
            }
            stack.append(contentsOf: item.children.reversed().map { ($0, depth + 1) })
        }
        if !text.isEmpty { out(text) }
    }
}
