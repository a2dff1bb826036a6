import Tickmark

/// How `${name}` reaches a `run` command: never as text of the command line, but as the
/// environment variable `TICKMARK_VAR_name`, which the command references in a form that suits
/// where the reference stands (SPEC §1.5). The shell expands it once and never reads the value as
/// code, whatever it holds.
///
/// | where `${x}` stands | the command gets |
/// | --- | --- |
/// | unquoted, or in `$(…)` | `"${TICKMARK_VAR_x}"` |
/// | inside `"…"`, or in a heredoc | `${TICKMARK_VAR_x}` |
/// | inside `'…'` | `'"${TICKMARK_VAR_x}"'` |
/// | in the script of `sh -c`, `bash -c` … or `eval` | `${TICKMARK_VAR_x}` for the inner shell |
/// | in a quoted heredoc (`<<'EOF'`) | the value itself (nothing there is expanded) |
package enum ShellVariables {
    /// The environment variable that carries `name`: `TICKMARK_VAR_` and the name with `.` and
    /// `-` as `_` (`git.branch` → `TICKMARK_VAR_git_branch`).
    package static func environmentName(for name: String) -> String {
        VariableSources.environmentPrefix + String(name.map { $0 == "." || $0 == "-" ? "_" : $0 })
    }

    /// `command` with each reference `value` knows replaced by an environment reference, and the
    /// environment variables the command then needs, in the order first referenced.
    package static func rewrite(_ command: String, value: (String) -> String?) -> (command: String, environment: [(name: String, value: String)]) {
        guard case .success(let references) = VariableScanner.references(in: command), !references.isEmpty else {
            return (command, [])
        }
        let contexts = ShellContextScanner.contexts(in: Array(command.utf8), at: references.map(\.range.lowerBound))
        var environment: [(name: String, value: String)] = []
        var names: [String: String] = [:]
        func variable(_ name: String, _ value: String) -> String {
            if let known = names[name] { return known }
            var candidate = environmentName(for: name)
            var suffix = 2
            while environment.contains(where: { $0.name == candidate }) {
                candidate = environmentName(for: name) + "_\(suffix)"
                suffix += 1
            }
            names[name] = candidate
            environment.append((candidate, value))
            return candidate
        }
        let bytes = Array(command.utf8)
        var result: [UInt8] = []
        var cursor = 0
        for (reference, context) in zip(references, contexts) {
            result.append(contentsOf: bytes[cursor..<reference.range.lowerBound])
            cursor = reference.range.upperBound
            guard let value = value(reference.name) else {
                result.append(contentsOf: bytes[reference.range])
                continue
            }
            // Nothing in a quoted heredoc is expanded, so the value itself goes there, unless it
            // has a line break, which could end the heredoc early and make the rest commands:
            // then the (unexpanded) reference goes there instead.
            if case .quotedHeredoc = context, !value.utf8.contains(UInt8(ascii: "\n")) {
                result.append(contentsOf: value.utf8)
                continue
            }
            let expansion = "${\(variable(reference.name, value))}"
            let replacement = switch context {
            case .unquoted: "\"\(expansion)\""
            case .doubleQuoted, .heredoc, .quotedHeredoc: expansion
            case .singleQuoted: "'\"\(expansion)\"'"
            case .innerScriptSingleQuoted: expansion
            case .innerScript: "\\" + expansion
            }
            result.append(contentsOf: replacement.utf8)
        }
        result.append(contentsOf: bytes[cursor...])
        return (String(decoding: result, as: UTF8.self), environment)
    }

    /// Commands that start their command without the caller's environment (or elsewhere).
    static let environmentDroppers: Set<String> = ["sudo", "su", "doas", "docker", "podman", "kubectl"]

    /// The references of `command` whose value reaches a shell Tickmark cannot quote for, with the
    /// reason in words that complete "'${name}' …".
    package static func unsafeReferences(in command: String) -> [(name: String, offset: Int, reason: String)] {
        guard case .success(let references) = VariableScanner.references(in: command), !references.isEmpty else { return [] }
        let offsets = references.map(\.range.lowerBound)
        let commands = ShellContextScanner.commandWords(in: Array(command.utf8), at: offsets)
        let contexts = ShellContextScanner.contexts(in: Array(command.utf8), at: offsets)
        var unsafe: [(name: String, offset: Int, reason: String)] = []
        for ((reference, words), context) in zip(zip(references, commands), contexts) {
            let names = words.map { word in String(word.split(separator: "/").last ?? Substring(word)) }
            if names.contains("ssh") {
                unsafe.append((reference.name, reference.range.lowerBound,
                               "reaches a shell on another machine (ssh), which Tickmark cannot quote for: pass it another way (a file, or standard input)"))
            } else if context == .innerScript || context == .innerScriptSingleQuoted,
                      let starter = names.first(where: { environmentDroppers.contains($0) }) {
                unsafe.append((reference.name, reference.range.lowerBound,
                               "reaches a shell started through \(starter), which does not pass \(environmentName(for: reference.name)) on: the inner shell sees it empty"))
            }
        }
        return unsafe
    }
}
