import ArgumentParser
import Tickmark
import TickmarkProbes

/// `tickmark probes [KIND]`: the probe kinds, from the descriptions the kinds give of themselves.
struct ProbesCommand: TickmarkSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "probes",
        abstract: "List the probe kinds, or describe one: usage, options and examples.",
        discussion: """
        Examples:
          tickmark probes
          tickmark probes http
        """
    )

    @Argument(help: "A probe kind to describe (all kinds when omitted).")
    var kind: String?

    nonisolated(nonsending) func execute(_ console: Console) async throws -> Int32 {
        let kinds = ProbeRegistry.kinds.map { $0.description }
        guard let kind else {
            let width = (kinds.map(\.name.count).max() ?? 0) + 2
            for description in kinds {
                console.line(description.name.padding(toLength: width, withPad: " ", startingAt: 0) + description.summary)
            }
            console.line("\nEvery probe also takes: \(CommonProbeOptions.keys.joined(separator: ", ")). `tickmark probes KIND` describes one.")
            return 0
        }
        guard let description = kinds.first(where: { $0.name == kind }) else {
            var message = "no probe kind '\(kind)'"
            if let suggestion = Suggestion.closest(to: kind, among: kinds.map(\.name)) { message += "; did you mean '\(suggestion)'?" }
            throw TickmarkError(.usage, message + " (kinds: \(kinds.map(\.name).joined(separator: ", ")))")
        }
        console.line(console.style(description.name, "1") + " — " + description.summary)
        console.line("\nUsage: probe: \(description.usage)")
        console.line("\nArguments and options:")
        let width = (description.parameters.map(\.name.count).max() ?? 0) + 2
        for parameter in description.parameters {
            console.line("  " + parameter.name.padding(toLength: width, withPad: " ", startingAt: 0) + parameter.summary)
        }
        console.line("  " + "(common)".padding(toLength: width, withPad: " ", startingAt: 0) + CommonProbeOptions.keys.joined(separator: ", "))
        console.line("\nExamples:")
        for example in description.examples where example.expectedError == nil {
            console.line("  - [ ] … `\(example.text)`")
        }
        return 0
    }
}
