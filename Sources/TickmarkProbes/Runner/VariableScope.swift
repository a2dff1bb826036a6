import Foundation
import Tickmark

/// Where a run's variables come from, strongest first (SPEC §1.5).
package struct VariableSources: Sendable {
    /// `--var name=value`.
    package var commandLine: [(name: String, value: String)] = []
    /// `--secret name=value`: variables whose values are redacted everywhere.
    package var secrets: [(name: String, value: String)] = []
    /// `--vars-file FILE` entries.
    package var file: [(name: String, value: String)] = []
    /// The `--vars-file` as the user wrote it, to name it in messages.
    package var fileName: String?
    /// The process environment (`TICKMARK_VAR_name`, and secret-looking names to redact).
    package var environment: [String: String] = [:]

    /// Empty sources.
    package init(commandLine: [(name: String, value: String)] = [], secrets: [(name: String, value: String)] = [],
                file: [(name: String, value: String)] = [], environment: [String: String] = [:]) {
        self.commandLine = commandLine
        self.secrets = secrets
        self.file = file
        self.environment = environment
    }

    /// The prefix of environment variables that define Tickmark variables.
    package static let environmentPrefix = "TICKMARK_VAR_"

    /// Every secret value: `--secret` values, and variables and environment variables named like
    /// TOKEN, SECRET, PASSWORD or KEY (`--var`, `--vars-file`, `TICKMARK_VAR_…` or not).
    package var secretValues: [String] {
        secrets.map(\.value) + environment.filter { Redactor.isSecretName($0.key) }.map(\.value)
            + (commandLine + file).filter { Redactor.isSecretName($0.name) }.map(\.value)
    }
}

/// A variable given to a run (`--var`, `--secret`, `--vars-file`) that no probe of its
/// checklists refers to: most often a typo, which would otherwise leave the default in place.
package struct UnusedVariable: Sendable, Equatable {
    /// The name as given.
    package var name: String
    /// The vars file it comes from, `nil` for the command line.
    package var file: String?
    /// The referenced or front-matter name it most likely means.
    package var suggestion: String?
}

extension VariableSources {
    /// The command-line and vars-file variables that no probe of `checklists` refers to (all
    /// items count, whatever `--only` or `--section` select). `TICKMARK_VAR_…` environment
    /// variables are not reported: CI sets them once for every step of a job.
    package func unused(by checklists: [Checklist]) -> [UnusedVariable] {
        var referenced: Set<String> = []
        var known: [String] = []
        for checklist in checklists {
            known += checklist.variables.map(\.name)
            checklist.forEachProbe { probe in
                for text in ProbeInterpolation.strings(in: probe) {
                    guard case .success(let references) = VariableScanner.references(in: text) else { continue }
                    for reference in references where referenced.insert(reference.name).inserted {
                        known.append(reference.name)
                    }
                }
            }
        }
        var reported: Set<String> = []
        var unused: [UnusedVariable] = []
        let given = (commandLine + secrets).map { ($0.name, nil as String?) } + file.map { ($0.name, fileName) }
        for (name, origin) in given where !referenced.contains(name) && reported.insert(name).inserted {
            let candidates = Array(Set(known).subtracting([name])).sorted()
            unused.append(UnusedVariable(name: name, file: origin, suggestion: Suggestion.closest(to: name, among: candidates)))
        }
        return unused
    }
}

/// The variables one checklist sees: sources merged over front matter, plus the built-ins.
package struct VariableScope: Sendable {
    /// Resolved values by name.
    package private(set) var values: [String: String]
    /// Names whose values are secret.
    package private(set) var secretNames: Set<String>

    /// Merges `sources` over `checklist`'s front matter and the `builtins`.
    package init(sources: VariableSources, checklist: Checklist, builtins: [String: String]) {
        var values = builtins
        for definition in checklist.variables { values[definition.name] = definition.value }
        var secretNames: Set<String> = []
        for (key, value) in sources.environment where key.hasPrefix(VariableSources.environmentPrefix) {
            let name = String(key.dropFirst(VariableSources.environmentPrefix.count))
            values[name] = value
            if Redactor.isSecretName(name) { secretNames.insert(name) }
        }
        // A name that looks secret is secret from whichever source its value comes.
        for (name, value) in sources.file {
            values[name] = value
            if Redactor.isSecretName(name) { secretNames.insert(name) }
        }
        for (name, value) in sources.commandLine {
            values[name] = value
            if Redactor.isSecretName(name) { secretNames.insert(name) }
        }
        for (name, value) in sources.secrets {
            values[name] = value
            secretNames.insert(name)
        }
        // A variable written as a URL's password is secret whatever its name.
        secretNames.formUnion(URLCredentials.passwordVariables(in: String(decoding: checklist.source.bytes, as: UTF8.self)))
        self.values = values
        self.secretNames = secretNames
    }

    /// The value of `name`, if defined.
    package func value(_ name: String) -> String? { values[name] }

    /// Values that must be redacted.
    package var secretValues: [String] { secretNames.compactMap { values[$0] } }
}

/// Computes the built-in variables a set of checklists refers to.
package enum BuiltinVariables {
    /// Names of built-ins `checklists` refer to in their probes.
    package static func referenced(in checklists: [Checklist]) -> Set<String> {
        var names: Set<String> = []
        for checklist in checklists {
            for item in checklist.allItems {
                for probe in item.probes {
                    for text in ProbeInterpolation.strings(in: probe) {
                        if case .success(let references) = VariableScanner.references(in: text) {
                            for reference in references where VariableScanner.builtins.contains(reference.name) {
                                names.insert(reference.name)
                            }
                        }
                    }
                }
            }
        }
        return names
    }

    /// Values of the built-ins in `names`; git ones that cannot be read are left out (then a
    /// probe using them stops the run as an undefined variable, with git's reason as a note).
    /// On a detached HEAD, `git.branch` is the branch CI names (`ciBranch`).
    package static func resolve(
        _ names: Set<String>, checklistDirectory: String, workingDirectory: String, now: Date,
        processes: any ProcessLauncher, environment: [String: String]
    ) async -> (values: [String: String], problems: [String: String]) {
        var values: [String: String] = ["checklist.dir": checklistDirectory]
        var problems: [String: String] = [:]
        values["today"] = CalendarText.localDay(now)
        values["now"] = CalendarText.utcSecond(now)
        let git: [(String, [String])] = [
            ("git.head", ["rev-parse", "HEAD"]),
            ("git.branch", ["symbolic-ref", "--short", "-q", "HEAD"]),
            ("git.tag", ["describe", "--tags", "--exact-match", "HEAD"]),
        ].filter { names.contains($0.0) }
        // The git commands run at once; their answers are read in the order above.
        let outcomes = await withTaskGroup(of: (String, ProcessOutcome).self) { group in
            for (name, arguments) in git {
                group.addTask {
                    (name, await processes.run(ProcessRequest(
                        executable: "git", arguments: arguments, workingDirectory: workingDirectory,
                        environment: environment, timeout: .seconds(10), outputLimit: 4096
                    )))
                }
            }
            var outcomes: [String: ProcessOutcome] = [:]
            for await (name, outcome) in group { outcomes[name] = outcome }
            return outcomes
        }
        for (name, _) in git {
            guard let outcome = outcomes[name] else { continue }
            let output = String(decoding: outcome.standardOutput, as: UTF8.self).trimmingASCIIWhitespace()
            if outcome.termination == .exited(0), !output.isEmpty {
                values[name] = output
            } else if name == "git.branch", let branch = ciBranch(environment) {
                values[name] = branch
            } else if name == "git.branch", outcome.termination == .exited(1), outcome.standardError.isEmpty {
                problems[name] = "HEAD is detached and neither GITHUB_HEAD_REF nor GITHUB_REF_NAME is set (or pass --var git.branch=NAME)"
            } else {
                let error = String(decoding: outcome.standardError, as: UTF8.self).trimmingASCIIWhitespace()
                problems[name] = error.isEmpty ? "git found no value (\(name == "git.tag" ? "no tag points at HEAD" : "detached HEAD or not a repository"))" : error
            }
        }
        return (values, problems)
    }

    /// The branch CI names when HEAD is detached, as GitHub Actions leaves it on a pull request's
    /// merge commit: `GITHUB_HEAD_REF` (the pull request's branch), then `GITHUB_REF_NAME`.
    static func ciBranch(_ environment: [String: String]) -> String? {
        ["GITHUB_HEAD_REF", "GITHUB_REF_NAME"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
    }
}
