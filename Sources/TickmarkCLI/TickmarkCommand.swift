import ArgumentParser
import Foundation
import Tickmark

/// A Tickmark subcommand: runs against a `Console` and returns the process exit code.
package protocol TickmarkSubcommand: ParsableCommand {
    /// Does the command's work; throw `TickmarkError` for input that cannot be used (exit 2).
    ///
    /// Runs on its caller's executor (`nonisolated(nonsending)`): in the `tickmark` executable
    /// that is the main thread, so reading a checklist stays on one thread from start to end
    /// instead of moving to a worker thread of the concurrency pool. Blocking waits still run on
    /// threads of their own (`DetachedThread`); a command implementation must mark its `execute`
    /// the same way, or it runs on the pool.
    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32
}

/// The `tickmark` command and its subcommands.
package struct TickmarkCommand: ParsableCommand {
    /// The version printed by `tickmark --version` and stored in run records.
    package static let version = "0.1.0"

    package static let configuration = CommandConfiguration(
        commandName: "tickmark",
        abstract: "Checklist-as-code for release checklists written in GitHub-flavored Markdown.",
        discussion: """
        Examples:
          tickmark init
          tickmark lint checklists/
          tickmark show checklists/staging.md
          tickmark run checklists/staging.md --var base_url=https://x.example
          tickmark run RELEASING.md --record run.json --junit junit.xml
          tickmark sign-off run.json "rollback plan" --by "Ana <ana@example.com>"
          tickmark status RELEASING.md
          tickmark report run.json --format html -o report.html
          tickmark sign report.html --key ~/.ssh/id_ed25519
          tickmark probes http
        """,
        version: version,
        subcommands: [
            InitCommand.self, LintCommand.self, ShowCommand.self, RunCommand.self, WatchCommand.self,
            SignOffCommand.self, StatusCommand.self, ReportCommand.self, SignCommand.self, VerifyCommand.self, ProbesCommand.self,
            LedgerCommand.self, BoardCommand.self,
        ]
    )

    package init() {}

    /// Parses `arguments` (without the program name), runs the command, and returns its exit code.
    /// Usage errors print help to standard error and return 2.
    nonisolated(nonsending) package static func run(_ arguments: [String], console: Console) async -> Int32 {
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            let code = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if code == 0 {
                console.line(message)
                return 0
            }
            console.errorLine(message)
            return 2
        }
        guard let subcommand = command as? TickmarkSubcommand else {
            // `tickmark SUB --help` and `tickmark help SUB` parse as argument-parser's help command.
            // The deepest subcommand named (`ledger add --help` is about `add`).
            var type: ParsableCommand.Type?
            for name in arguments {
                let choices = type?.configuration.subcommands ?? configuration.subcommands
                guard let next = choices.first(where: { $0.configuration.commandName == name }) else { continue }
                type = next
            }
            console.line(type.map { helpMessage(for: $0) } ?? helpMessage())
            return 0
        }
        do {
            return try await subcommand.execute(console)
        } catch let error as TickmarkError {
            console.errorLine(error.description)
            return 2
        } catch let error as ValidationError {
            console.errorLine("error: \(error.message)")
            return 2
        } catch {
            console.errorLine("error: \(error)")
            return 2
        }
    }

    /// The entry point of the `tickmark` executable.
    nonisolated(nonsending) package static func runMain() async -> Never {
        RunSignals.enabled.store(true, ordering: .relaxed)
        let code = await run(Array(CommandLine.arguments.dropFirst()), console: .standard)
        Foundation.exit(code)
    }
}
