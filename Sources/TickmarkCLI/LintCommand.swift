import ArgumentParser
import Tickmark
import TickmarkProbes

/// `tickmark lint PATH…`: validates checklists like a compiler.
struct LintCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Validate checklist files or folders of them.",
        discussion: """
        Prints each problem as `file:line:column: error|warning: message [Id]` with the source line and a caret. Exits 0 when there are no errors, 1 when there are, 2 when a file cannot be read.

        Examples:
          tickmark lint checklists/
          tickmark lint RELEASING.md .github/pull_request_template.md
          tickmark lint --format json checklists/ > lint.json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Checklist files, or folders searched for *.md files.")
    var paths: [String]

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "Treat warnings as errors.")
    var warningsAsErrors = false

    @Option(help: ArgumentHelp("Check this roster, and the approval rules against it (default: the one the checklists use, when they have approval rules).", valueName: "file"))
    var roster: String?

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        let files = try ChecklistPaths.expand(paths, base: console.currentDirectory)
        var unreadable = false
        var results: [(path: String, source: SourceText?, diagnostics: [Diagnostic], error: TickmarkError?)] = []
        var loaded: [(file: String, checklist: Result<Checklist, TickmarkError>)] = []
        for file in files {
            do { loaded.append((file, .success(try ChecklistPaths.load(file, base: console.currentDirectory)))) } catch { loaded.append((file, .failure(error))) }
        }
        let rosterCheck = LintRoster.check(loaded.compactMap { try? $0.checklist.get() }, explicit: roster, console: console)
        for (file, result) in loaded {
            do {
                let checklist = try result.get()
                let diagnostics = (checklist.diagnostics + ProbeRegistry.validate(checklist) + (rosterCheck.rules[checklist.path] ?? [])).sorted {
                    ($0.position?.offset ?? -1) < ($1.position?.offset ?? -1)
                }
                results.append((file, checklist.source, diagnostics, nil))
            } catch {
                unreadable = true
                results.append((file, nil, [], error))
            }
        }
        if let rosterResult = rosterCheck.roster {
            if rosterResult.error != nil { unreadable = true }
            results.append(rosterResult)
        }
        let all = results.flatMap(\.diagnostics)
        let errors = all.filter { $0.severity == .error || (warningsAsErrors && $0.severity == .warning) }.count
        let warnings = all.filter { $0.severity == .warning }.count
        switch format {
        case .json:
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("schema"); writer.string("tickmark.lint/v1")
            writer.key("files")
            writer.beginArray()
            for result in results {
                writer.beginObject()
                writer.key("path"); writer.string(result.path)
                if let error = result.error {
                    writer.key("error"); writer.string(error.message)
                }
                writer.key("diagnostics")
                writer.beginArray()
                for diagnostic in result.diagnostics { diagnostic.writeJSON(into: &writer) }
                writer.endArray()
                writer.endObject()
            }
            writer.endArray()
            writer.key("errors"); writer.integer(errors)
            writer.key("warnings"); writer.integer(warnings)
            writer.endObject()
            console.line(writer.text)
        case .text:
            let formatter = DiagnosticFormatter(colored: console.colors)
            for result in results {
                if let error = result.error { console.errorLine(error.description) }
                for diagnostic in result.diagnostics {
                    console.line(formatter.format(diagnostic, source: result.source))
                }
            }
            let fileWord = files.count == 1 ? "file" : "files"
            if errors == 0 && warnings == 0 && !unreadable {
                console.errorLine("\(files.count) \(fileWord) checked, no problems")
            } else {
                console.errorLine("\(files.count) \(fileWord) checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            }
        }
        if unreadable { return 2 }
        return errors > 0 ? 1 : 0
    }
}
