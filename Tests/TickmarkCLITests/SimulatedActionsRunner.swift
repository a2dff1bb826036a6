import Foundation
import Testing
import TickmarkTestSupport
import Yams

/// Runs the steps of the repository's example workflow (examples/github-actions/tickmark.yml) the
/// way a GitHub-hosted runner would, as far as they concern Tickmark: the workflow's `run:` steps
/// and the `run:` steps of the composite action (action.yml) it uses, with `bash`, the step's
/// `env:` and the runner's `GITHUB_*` variables. The action's install step is left out: the
/// `tickmark` built for the tests is put on PATH instead.
struct SimulatedActionsRunner {
    /// One step that ran.
    struct StepRun {
        var name: String
        var status: Int32
        var output: String
        var errors: String
    }

    /// The repository's root folder.
    static var repository: String { repositoryRoot }

    /// The workflow, parsed.
    static func workflow() throws -> [String: Any] {
        try yaml(at: repository + "/examples/github-actions/tickmark.yml")
    }

    /// The steps of the workflow's only job.
    static func steps(of workflow: [String: Any]) throws -> [[String: Any]] {
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let job = try #require(jobs.values.first as? [String: Any])
        return try #require(job["steps"] as? [[String: Any]])
    }

    static func yaml(at path: String) throws -> [String: Any] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any], "\(path) is not a YAML mapping")
    }

    /// The `tickmark` built beside the test bundle, or where `swift build` puts it.
    static func builtTickmark() throws -> String {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var candidates = [executable.deletingLastPathComponent().appendingPathComponent("tickmark").path]
        if !FileManager.default.isExecutableFile(atPath: candidates[0]) {
            let shown = try TickmarkTestSupport.run("swift", ["build", "--show-bin-path"], in: repository)
            if shown.status == 0 { candidates.append(shown.output.trimmingCharacters(in: .whitespacesAndNewlines) + "/tickmark") }
        }
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
            "no built tickmark at \(candidates.joined(separator: " or ")): run `swift build` first"
        )
    }

    /// The workspace (`GITHUB_WORKSPACE`), where steps run.
    var workspace: String
    /// The runner's environment: `GITHUB_*`, `RUNNER_TEMP`, PATH.
    var environment: [String: String]

    /// Runs every step after the checkout; `actions/*` steps other than checkout are skipped.
    func runSteps(_ steps: [[String: Any]]) throws -> [StepRun] {
        var runs: [StepRun] = []
        for step in steps {
            if let script = step["run"] as? String {
                let name = step["name"] as? String ?? script
                let env = Self.strings(step["env"]).mapValues { Self.substitute($0, inputs: [:]) }
                runs.append(try bash(name, script, options: "-e", environment: env, in: workspace))
            } else if let uses = step["uses"] as? String, !uses.hasPrefix("actions/") {
                runs += try runAction(Self.strings(step["with"]), stepName: step["name"] as? String ?? uses)
            }
        }
        return runs
    }

    /// The composite action's steps but the install step (or only the steps whose id is in
    /// `onlyIDs`), with `inputs.*` from `with`.
    func runAction(_ with: [String: String], stepName: String, onlyIDs: Set<String>? = nil) throws -> [StepRun] {
        let action = try Self.yaml(at: Self.repository + "/action.yml")
        let declared = try #require(action["inputs"] as? [String: Any])
        var inputs: [String: String] = [:]
        for (name, declaration) in declared {
            inputs[name] = with[name] ?? Self.strings(declaration)["default"] ?? ""
        }
        let runs = try #require(action["runs"] as? [String: Any])
        let steps = try #require(runs["steps"] as? [[String: Any]])
        var results: [StepRun] = []
        for step in steps {
            let id = step["id"] as? String ?? ""
            guard onlyIDs?.contains(id) ?? (id != "install") else { continue }
            if let condition = step["if"] as? String, !Self.holds(condition, inputs: inputs) { continue }
            let script = try #require(step["run"] as? String)
            let env = Self.strings(step["env"]).mapValues { Self.substitute($0, inputs: inputs) }
            let folder = Self.substitute(step["working-directory"] as? String ?? ".", inputs: inputs)
            let name = "\(stepName) / \(step["name"] as? String ?? "step")"
            results.append(try bash(name, script, options: "-eo pipefail", environment: env, in: workspace + "/" + folder))
        }
        return results
    }

    private func bash(_ name: String, _ script: String, options: String, environment extra: [String: String], in folder: String) throws -> StepRun {
        let file = try #require(environment["RUNNER_TEMP"]) + "/step.sh"
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        let arguments = ["--noprofile", "--norc"] + options.split(separator: " ").map(String.init) + [file]
        let result = try TickmarkTestSupport.run("bash", arguments, environment: environment.merging(extra) { $1 }, in: folder)
        return StepRun(name: name, status: result.status, output: result.output, errors: result.errors)
    }

    /// `${{ inputs.NAME }}` replaced by the input's value; any other expression by nothing (the
    /// install step's outputs, which the runner would have set, are not there).
    static func substitute(_ text: String, inputs: [String: String]) -> String {
        var result = text
        while let open = result.range(of: "${{"), let close = result.range(of: "}}", range: open.upperBound..<result.endIndex) {
            let expression = result[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let value = expression.hasPrefix("inputs.") ? inputs[String(expression.dropFirst("inputs.".count))] ?? "" : ""
            result.replaceSubrange(open.lowerBound..<close.upperBound, with: value)
        }
        return result
    }

    /// `inputs.NAME != ''` and `inputs.NAME == ''`; any other condition holds.
    static func holds(_ condition: String, inputs: [String: String]) -> Bool {
        let parts = condition.replacingOccurrences(of: "${{", with: "").replacingOccurrences(of: "}}", with: "")
            .split(separator: " ").map(String.init)
        guard parts.count == 3, parts[0].hasPrefix("inputs."), parts[2] == "''" else { return true }
        let value = inputs[String(parts[0].dropFirst("inputs.".count))] ?? ""
        return parts[1] == "!=" ? !value.isEmpty : value.isEmpty
    }

    /// A YAML mapping of scalars as strings.
    static func strings(_ value: Any?) -> [String: String] {
        guard let mapping = value as? [String: Any] else { return [:] }
        return mapping.compactMapValues { value in
            switch value {
            case let text as String: text
            case let number as Int: String(number)
            case let flag as Bool: String(flag)
            default: nil
            }
        }
    }
}
