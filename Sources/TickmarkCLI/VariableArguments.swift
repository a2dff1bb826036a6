import ArgumentParser
import Tickmark
import TickmarkProbes

/// `--var`, `--vars-file` and `--secret`, shared by `run` and `watch`.
struct VariableArguments: ParsableArguments {
    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable (repeatable).", valueName: "name=value"))
    var variables: [String] = []

    @Option(help: ArgumentHelp("Read variables from a YAML or .env file.", valueName: "file"))
    var varsFile: String?

    @Option(name: .customLong("secret"), help: ArgumentHelp("Set a secret variable, shown as *** everywhere (repeatable).", valueName: "name=value"))
    var secrets: [String] = []

    func validate() throws {
        for assignment in variables + secrets where Self.split(assignment) == nil {
            throw ValidationError("'\(assignment)' must be written name=value (a name of letters, digits, '_', '-' or '.')")
        }
    }

    /// `name=value` split at the first `=`, when the name is valid.
    static func split(_ assignment: String) -> (name: String, value: String)? {
        guard let equals = assignment.firstIndex(of: "=") else { return nil }
        let name = String(assignment[..<equals])
        guard VariableScanner.isValidName(name) else { return nil }
        return (name, String(assignment[assignment.index(after: equals)...]))
    }

    /// The variable sources of a run: these options, the vars file (relative to the console's
    /// folder) and the console's environment.
    func sources(_ console: Console) throws(TickmarkError) -> VariableSources {
        var sources = VariableSources(environment: console.environment)
        sources.commandLine = variables.compactMap(Self.split)
        sources.secrets = secrets.compactMap(Self.split)
        if let varsFile {
            sources.fileName = varsFile
            do {
                sources.file = try VariablesFile.load(ChecklistPaths.resolve(varsFile, base: console.currentDirectory))
            } catch {
                var named = error
                named.path = varsFile
                throw named
            }
        }
        return sources
    }

    /// Prints a warning, with "did you mean", for each variable given that no probe of
    /// `checklists` uses. The run goes on.
    static func warnUnused(_ sources: VariableSources, checklists: [Checklist], console: Console) {
        for variable in sources.unused(by: checklists) {
            var line = console.style("warning:", "33") + " variable '\(variable.name)'"
            if let file = variable.file { line += " (from \(file))" }
            line += " is not used by any checklist"
            if let suggestion = variable.suggestion { line += "; did you mean '\(suggestion)'?" }
            console.errorLine(line)
        }
    }
}
