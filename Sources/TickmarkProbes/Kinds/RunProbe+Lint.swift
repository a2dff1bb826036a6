import Tickmark

extension DiagnosticID {
    /// An inline `run` command ends with words that look like probe options but are part of it.
    package static let optionInCommand = DiagnosticID("OptionInCommand")
    /// A `${…}` in a `run` command reaches a shell Tickmark cannot quote for.
    package static let unquotableVariable = DiagnosticID("UnquotableVariable")
}

extension RunProbe {
    /// Options a reader may expect an inline `run` to take at its end.
    static let optionLikeKeys = CommonProbeOptions.keys + ["exit", "stdout", "matches", "cwd"]

    /// Warns about what the command line holds that does not do what it seems to: options written
    /// at the end of an inline `run` (they are words of the command), and variables that reach a
    /// shell on another machine.
    static func lint(_ command: ProbeArgument, _ decoder: inout ProbeDecoder) {
        if decoder.spec.form == .inline {
            for word in trailingOptionWords(command.value) {
                let key = String(word.text.prefix { $0 != "=" })
                decoder.warning(
                    .optionInCommand,
                    "'\(word.text)' is part of the command: an inline `run` takes everything after `run ` as its command line; "
                        + "to set '\(key)', write the probe in block form (```probe with `run: …` and `\(key): …`)",
                    at: position(in: command, offset: word.offset), length: word.text.utf8.count
                )
            }
        }
        for unsafe in ShellVariables.unsafeReferences(in: command.value) {
            decoder.warning(
                .unquotableVariable, "'${\(unsafe.name)}' \(unsafe.reason)",
                at: position(in: command, offset: unsafe.offset), length: unsafe.name.utf8.count + 3
            )
        }
    }

    /// The `key=value` words at the end of `command` whose key is a probe option.
    static func trailingOptionWords(_ command: String) -> [(text: String, offset: Int)] {
        var words: [(text: String, offset: Int)] = []
        var offset = 0
        for piece in command.split(separator: " ", omittingEmptySubsequences: false) {
            if !piece.isEmpty { words.append((String(piece), offset)) }
            offset += piece.utf8.count + 1
        }
        var found: [(text: String, offset: Int)] = []
        for word in words.reversed() {
            guard let equals = word.text.firstIndex(of: "="), optionLikeKeys.contains(String(word.text[..<equals])) else { break }
            found.insert(word, at: 0)
        }
        // A command that is nothing but options is not run at all: that is an error elsewhere.
        return found.count == words.count ? [] : found
    }

    /// Where byte `offset` of a one-line inline command is in the file.
    private static func position(in command: ProbeArgument, offset: Int) -> SourcePosition {
        guard !command.value.utf8.prefix(offset).contains(UInt8(ascii: "\n")) else { return command.position }
        return SourcePosition(line: command.position.line, column: command.position.column + offset, offset: command.position.offset + offset)
    }
}
