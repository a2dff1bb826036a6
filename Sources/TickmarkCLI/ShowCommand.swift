import ArgumentParser
import Tickmark
import TickmarkProbes

/// `tickmark show PATH [--json]`: the structured items of a checklist.
struct ShowCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a checklist's items: ids, state, severity, owners and probes.",
        discussion: """
        With --json, prints the model as `tickmark.checklist/v1` JSON. Problems in the file are printed to standard error and included in the JSON; they never stop the model from printing.

        Examples:
          tickmark show checklists/production-readiness.md
          tickmark show --json checklists/staging.md | jq '.items[].id'
        """
    )

    @Argument(help: "The checklist file.")
    var path: String

    @Flag(help: "Print the model as JSON.")
    var json = false

    func execute(_ console: Console) async throws -> Int32 {
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
            console.out(ChecklistTreeText(checklist: checklist, console: console).render())
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

    func render() -> String {
        var lines: [String] = []
        let all = checklist.allItems
        let probes = all.reduce(0) { $0 + $1.probes.count }
        lines.append(console.style(checklist.title ?? checklist.id, "1") + "  (\(checklist.id), \(checklist.path))")
        lines.append("\(all.count) item\(all.count == 1 ? "" : "s"), \(probes) probe\(probes == 1 ? "" : "s"), \(all.filter(\.isManual).count) manual")
        if !checklist.variables.isEmpty {
            lines.append("vars: " + checklist.variables.map { "\($0.name)=\($0.value)" }.joined(separator: ", "))
        }
        if !checklist.requires.isEmpty {
            lines.append("requires: " + checklist.requires.joined(separator: ", "))
        }
        var section: [String]? = nil
        var stack: [(ChecklistItem, Int)] = checklist.items.reversed().map { ($0, 0) }
        while let (item, depth) = stack.popLast() {
            if depth == 0, item.section != section {
                section = item.section
                lines.append("")
                lines.append(console.style(item.section.isEmpty ? "(no section)" : item.section.joined(separator: " › "), "1"))
            }
            let indent = String(repeating: "  ", count: depth + 1)
            let box = item.state == .checked ? "[x]" : item.state == .na ? "[~]" : "[ ]"
            var line = "\(indent)\(box) \(item.text.isEmpty ? "(no text)" : item.text)"
            if item.severity == .advisory { line += console.style("  (advisory)", "2") }
            if item.state == .na { line += console.style("  (n/a)", "2") }
            lines.append(line)
            let detailIndent = indent + "    "
            lines.append(detailIndent + console.style("id: \(item.id)  line \(item.position.line)" + (item.owners.isEmpty ? "" : "  owners: \(item.owners.joined(separator: " "))"), "2"))
            for probe in item.probes {
                let arguments = probe.arguments.map { ShellWords.quote($0.value) }
                let options = probe.options.map { option in "\(option.key)=\(option.value.scalarText.map(ShellWords.quote) ?? "{…}")" }
                lines.append(detailIndent + "probe: " + ([probe.kind] + arguments + options).joined(separator: " ") + "  (\(probe.position.line):\(probe.position.column))")
            }
            if item.isManual && item.state != .na {
                lines.append(detailIndent + console.style("manual: needs a sign-off or a tick", "2"))
            }
            stack.append(contentsOf: item.children.reversed().map { ($0, depth + 1) })
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
