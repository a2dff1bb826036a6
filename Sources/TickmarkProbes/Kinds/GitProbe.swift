import Tickmark

/// `git`: the repository is clean, on a branch, synced with a remote, or has a tag.
package struct GitProbe: ProbeKind {
    /// A remote-tracking branch, `origin/main`.
    package struct RemoteBranch: Sendable, Equatable, CustomStringConvertible {
        /// The remote's name (`origin`).
        package var remote: String
        /// The branch on that remote (`main`, `release/1.2`).
        package var branch: String
        /// Creates a remote-tracking branch.
        package init(remote: String, branch: String) {
            self.remote = remote
            self.branch = branch
        }

        /// `origin/main`.
        package var description: String { "\(remote)/\(branch)" }
    }

    /// What to check.
    package enum Check: Sendable, Equatable {
        /// No uncommitted changes, staged or not, and no untracked files, apart from the records
        /// folder and ticks in checklists (task boxes whose state byte alone changed).
        case clean
        /// HEAD is on this branch.
        case branch(String)
        /// The current branch's commit equals this remote-tracking branch's; `nil` means the
        /// current branch's upstream.
        case synced(RemoteBranch?)
        /// This tag exists.
        case tag(String)
        /// HEAD carries this tag; `nil` means any tag.
        case tagAtHead(String?)
    }

    /// A decoded `git` probe.
    package struct Configuration: ProbeConfiguration, Equatable {
        /// What to check.
        package var check: Check
        /// The repository's folder (`repo`); the working directory by default.
        package var repository: String?

        /// What the probe will do, in one line, for `--dry-run`.
        package var summary: String {
            let text = switch check {
            case .clean: "the working tree is clean"
            case .branch(let name): "the current branch is \(name)"
            case .synced(let remote?): "the current branch is at the same commit as \(remote)"
            case .synced(nil): "the current branch is at the same commit as its upstream"
            case .tag(let name): "tag \(name) exists"
            case .tagAtHead(let name?): "HEAD is tagged \(name)"
            case .tagAtHead(nil): "HEAD is tagged"
            }
            return repository.map { "\(text) in \($0)" } ?? text
        }
    }

    static let subcommands = ["clean", "branch", "synced", "tag", "tag-at-head"]

    /// The kind's name, usage, parameters and examples.
    package static let description = ProbeKindDescription(
        name: "git",
        summary: "The repository is clean, on a branch, synced with its remote, or has a tag.",
        usage: "git clean | branch NAME | synced [REMOTE/BRANCH] | tag NAME | tag-at-head [NAME]  [repo=PATH]",
        parameters: [
            ProbeParameter("clean", "no uncommitted changes and no untracked files (the records folder and ticked boxes aside)"),
            ProbeParameter("branch NAME", "HEAD is on branch NAME"),
            ProbeParameter("synced [REMOTE/BRANCH]", "the current branch's commit equals the remote-tracking branch (default: its upstream)"),
            ProbeParameter("tag NAME", "tag NAME exists"),
            ProbeParameter("tag-at-head [NAME]", "HEAD carries tag NAME (or any tag)"),
            ProbeParameter("repo", "the repository's folder (default: the working directory)"),
        ],
        examples: [
            .valid("probe: git clean"),
            .valid("probe: git branch main"),
            .valid("probe: git synced origin/main"),
            .valid("probe: git synced"),
            .valid("probe: git tag v${version}"),
            .valid("probe: git tag-at-head"),
            .valid("probe: git tag-at-head v1.2.3 repo=../service"),
            .invalid("probe: git", .missingArgument),
            .invalid("probe: git branch", .missingArgument),
            .invalid("probe: git tag", .missingArgument),
            .invalid("probe: git claen", .invalidArgument),
            .invalid("probe: git synced main", .invalidArgument),
            .invalid("probe: git branch my..branch", .invalidArgument),
            .invalid("probe: git tag 'v1 final'", .invalidArgument),
            .invalid("probe: git clean main", .unexpectedArgument),
            .invalid("probe: git clean repository=..", .unknownOption),
        ]
    )

    /// Reads the arguments and options, reporting each problem at the word that caused it.
    package static func decode(_ decoder: inout ProbeDecoder) -> Configuration? {
        let usage = "probe: git clean | branch NAME | synced [REMOTE/BRANCH] | tag NAME | tag-at-head [NAME]"
        guard let subcommand = decoder.requireArgument("a check (\(subcommands.joined(separator: ", ")))", usage: usage) else { return nil }
        var check: Check?
        switch subcommand.value {
        case "clean":
            check = .clean
        case "branch":
            check = decoder.requireArgument("a branch name", usage: "probe: git branch NAME")
                .flatMap { refName($0, "branch", &decoder) }.map(Check.branch)
        case "synced":
            if let argument = decoder.optionalArgument() {
                check = remoteBranch(argument, &decoder).map(Check.synced)
            } else {
                check = .synced(nil)
            }
        case "tag":
            check = decoder.requireArgument("a tag name", usage: "probe: git tag NAME")
                .flatMap { refName($0, "tag", &decoder) }.map(Check.tag)
        case "tag-at-head":
            if let argument = decoder.optionalArgument() {
                check = refName(argument, "tag", &decoder).map(Check.tagAtHead)
            } else {
                check = .tagAtHead(nil)
            }
        default:
            var message = "'git' probe has no check '\(subcommand.value)'"
            if let suggestion = Suggestion.closest(to: subcommand.value, among: subcommands) { message += "; did you mean '\(suggestion)'?" }
            decoder.error(.invalidArgument, message, at: subcommand.position, length: subcommand.length, notes: ["usage: \(usage)"])
            _ = decoder.remainingArguments()
        }
        let repository = decoder.string("repo")
        decoder.finish(allowedOptions: ["repo"])
        return check.map { Configuration(check: $0, repository: repository) }
    }

    /// `REMOTE/BRANCH`, both parts valid ref names.
    private static func remoteBranch(_ argument: ProbeArgument, _ decoder: inout ProbeDecoder) -> RemoteBranch? {
        guard let slash = argument.value.firstIndex(of: "/") else {
            if ProbeDecoder.hasVariables(argument.value) { return RemoteBranch(remote: argument.value, branch: "") }
            decoder.error(.invalidArgument, "'synced' needs REMOTE/BRANCH, such as origin/\(argument.value)",
                          at: argument.position, length: argument.length)
            return nil
        }
        let remote = String(argument.value[..<slash])
        let branch = String(argument.value[argument.value.index(after: slash)...])
        guard refName(ProbeArgument(value: remote, position: argument.position, length: argument.length), "remote", &decoder) != nil,
              refName(ProbeArgument(value: branch, position: argument.position, length: argument.length), "branch", &decoder) != nil
        else { return nil }
        return RemoteBranch(remote: remote, branch: branch)
    }

    /// The argument's value when it is a valid ref name (the rules of `git check-ref-format`).
    private static func refName(_ argument: ProbeArgument, _ what: String, _ decoder: inout ProbeDecoder) -> String? {
        let name = argument.value
        if ProbeDecoder.hasVariables(name) { return name }
        if let problem = refNameProblem(name) {
            decoder.error(.invalidArgument, "'\(name)' is not a valid \(what) name: \(problem)", at: argument.position, length: argument.length)
            return nil
        }
        return name
    }

    /// What makes `name` an invalid ref name, if anything.
    static func refNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name == "@" { return "'@' alone is not allowed" }
        if name.hasPrefix("-") { return "it cannot start with '-'" }
        if name.hasPrefix("/") || name.hasSuffix("/") || name.contains("//") { return "slashes must separate non-empty parts" }
        if name.hasSuffix(".") || name.hasSuffix(".lock") { return "it cannot end with '.' or '.lock'" }
        if name.contains("..") || name.contains("@{") { return "it cannot contain '..' or '@{'" }
        if name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { return "no part can start with '.'" }
        if let bad = name.unicodeScalars.first(where: { $0.value < 0x21 || $0.value == 0x7F || "~^:?*[\\".unicodeScalars.contains($0) }) {
            return bad.value == 0x20 ? "it cannot contain spaces" : "it cannot contain '\(bad.escaped(asASCII: true))'"
        }
        return nil
    }
}
