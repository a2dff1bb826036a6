import ArgumentParser
import Foundation
import Tickmark
import TickmarkProbes

/// `tickmark init [DIR] [--template NAME]`: writes the standard checklists into a project.
struct InitCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write the standard release checklists into a project.",
        discussion: """
        Writes DIR/checklists/NAME.md for each standard checklist (or only --template NAME). An existing file is never overwritten without --force: without it, nothing is written and the conflicting files are listed.

        Also adds the records folder (.tickmark/, or --records / TICKMARK_RECORDS) to DIR/.gitignore, creating the file or appending to it once; the rest of the file is kept as it is. The roster, .tickmark/roster.yml, stays tracked.

        Standard checklists: \(InitCommand.templateNames.joined(separator: ", ")).

        Examples:
          tickmark init
          tickmark init path/to/project --template production-readiness
          tickmark init --list
        """
    )

    /// The names of the standard checklists, without `.md`.
    static var templateNames: [String] {
        EmbeddedChecklists.files.map { String($0.name.dropLast(3)) }
    }

    @Argument(help: "The project folder (default: the current folder).")
    var directory: String = "."

    @Option(help: ArgumentHelp("Write only this checklist.", valueName: "name"))
    var template: String?

    @Flag(help: "Overwrite existing files.")
    var force = false

    @Flag(help: "List the standard checklists and exit.")
    var list = false

    @OptionGroup var recordsArguments: RecordsArguments

    /// The embedded checklist named `name` (without `.md`), as exact bytes.
    static func bytes(of name: String) -> [UInt8]? {
        EmbeddedChecklists.files.first { $0.name == name + ".md" }.flatMap { Base64.decode($0.base64) }
    }

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        if list {
            for name in Self.templateNames {
                let checklist = ChecklistParser.parse(Self.bytes(of: name) ?? [], path: name + ".md")
                console.line("\(name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(checklist.title ?? name) (\(checklist.allItems.count) items)")
            }
            return 0
        }
        var names = Self.templateNames
        if let template {
            let name = template.hasSuffix(".md") ? String(template.dropLast(3)) : template
            guard names.contains(name) else {
                var message = "no standard checklist named '\(template)'"
                if let suggestion = Suggestion.closest(to: name, among: names) { message += "; did you mean '\(suggestion)'?" }
                throw TickmarkError(.usage, message + " (choose from: \(names.joined(separator: ", ")))")
            }
            names = [name]
        }
        let base = directory.hasPrefix("/") ? directory : (console.currentDirectory as NSString).appendingPathComponent(directory)
        let folder = (base as NSString).appendingPathComponent("checklists")
        let targets = names.map { ($0, (folder as NSString).appendingPathComponent($0 + ".md")) }
        let existing = targets.filter { FileManager.default.fileExists(atPath: $0.1) }
        if !existing.isEmpty && !force {
            for (_, path) in existing { console.errorLine("\(display(path, base: console.currentDirectory)): error: already exists; nothing was written (use --force to overwrite)") }
            return 2
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw TickmarkError(.cannotWrite, "cannot create the folder: \(error.localizedDescription)", path: folder)
        }
        for (name, path) in targets {
            guard let bytes = Self.bytes(of: name) else { continue }
            try AtomicFile.replace(path: path, expected: nil, with: bytes)
            console.line("wrote \(display(path, base: console.currentDirectory))")
        }
        InitRoster.write(in: base, checklists: targets.compactMap { Self.bytes(of: $0.0) }, console: console) { display($0, base: console.currentDirectory) }
        ignoreRecords(in: base, console: console)
        let first = names.contains("pre-merge") ? "pre-merge" : names[0]
        let example = display((folder as NSString).appendingPathComponent(first + ".md"), base: console.currentDirectory)
        console.line("""

        Next:
          tickmark lint \(display(folder, base: console.currentDirectory))           # check them
          tickmark show \(example)       # see the items, ids and probes
          tickmark run \(example) --dry-run   # what would run
        Edit the `vars:` at the top of each file (base_url, version, …) to match your project.
        """)
        return 0
    }

    /// Adds the records folder to the project's `.gitignore`, saying what it did. A records
    /// folder outside the project is not added; a failure to write is reported, not fatal.
    private func ignoreRecords(in project: String, console: Console) {
        let named = recordsArguments.folder(console)
        let folder = named.hasPrefix("/") ? named : (project as NSString).appendingPathComponent(named)
        let standard = URL(fileURLWithPath: folder).standardizedFileURL.path
        let prefix = URL(fileURLWithPath: project).standardizedFileURL.path + "/"
        let gitignore = (project as NSString).appendingPathComponent(".gitignore")
        let shown = display(gitignore, base: console.currentDirectory)
        guard standard.hasPrefix(prefix), standard.count > prefix.count else {
            console.line("note: the records folder \(named) is outside the project; \(shown) was left as it is")
            return
        }
        let relative = String(standard.dropFirst(prefix.count))
        do {
            switch try GitignoreEntry.add(relative, to: gitignore) {
            case .created: console.line("created \(shown) (ignores \(relative)/, the run records)")
            case .appended: console.line("added \(relative)/ to \(shown) (the run records)")
            case .present: break
            }
        } catch {
            console.errorLine("\(error.description) (add \(relative)/ to \(shown) by hand)")
        }
    }

    private func display(_ path: String, base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
