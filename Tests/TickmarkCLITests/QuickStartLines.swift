import Foundation

/// One `tickmark …` command line of README's quick start.
struct QuickStartLine: Sendable, CustomStringConvertible {
    /// The README line number (1-based).
    var line: Int
    /// The command line as written, without its `# comment`.
    var text: String
    /// The arguments after `tickmark`, split as a shell would (quotes removed).
    var arguments: [String]

    var description: String { "README.md:\(line): \(text)" }
}

/// Reads the `tickmark …` lines of the ```sh block under a README heading.
enum QuickStartLines {
    /// The heading whose first ```sh block holds the quick start.
    static let heading = "## Quick start in your project"

    /// The `tickmark …` lines of the first ```sh block under `heading` in `readme`, with a word
    /// starting with `~` rooted at `home`. Throws when the heading or its block is missing, or a
    /// quote is left open.
    static func parse(_ readme: String, home: String) throws -> [QuickStartLine] {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: heading) else { throw QuickStartError("no heading '\(heading)' in README.md") }
        var index = start + 1
        while index < lines.count, !lines[index].hasPrefix("```") {
            if lines[index].hasPrefix("## ") { throw QuickStartError("no ```sh block under '\(heading)'") }
            index += 1
        }
        guard index < lines.count, lines[index] == "```sh" else { throw QuickStartError("no ```sh block under '\(heading)'") }
        var found: [QuickStartLine] = []
        index += 1
        while index < lines.count, !lines[index].hasPrefix("```") {
            if lines[index].hasPrefix("tickmark ") {
                let words = try split(lines[index], line: index + 1)
                found.append(QuickStartLine(
                    line: index + 1,
                    text: words.text,
                    arguments: words.arguments.dropFirst().map { expandingTilde($0, home: home) }
                ))
            }
            index += 1
        }
        guard index < lines.count else { throw QuickStartError("the ```sh block under '\(heading)' is not closed") }
        return found
    }

    /// The words of a shell command line: blanks separate words, double and single quotes group
    /// them, a backslash outside single quotes escapes the next character, and a `#` starting a
    /// word begins a comment. Also returns the line without its comment and trailing blanks.
    static func split(_ commandLine: String, line: Int = 0) throws -> (arguments: [String], text: String) {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        var end = commandLine.endIndex
        for index in commandLine.indices {
            let character = commandLine[index]
            if escaped {
                word.append(character)
                escaped = false
            } else if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    word.append(character)
                }
            } else if character == " " || character == "\t" {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else if character == "#" && !inWord {
                end = index
                break
            } else {
                inWord = true
                if character == "\"" || character == "'" {
                    quote = character
                } else if character == "\\" {
                    escaped = true
                } else {
                    word.append(character)
                }
            }
        }
        if quote != nil { throw QuickStartError("README.md:\(line): a quote is not closed: \(commandLine)") }
        if inWord { words.append(word) }
        let text = String(commandLine[..<end]).trimmingCharacters(in: .whitespaces)
        return (words, text)
    }

    /// `word` with a leading `~` (alone or before `/`) replaced by `home`.
    static func expandingTilde(_ word: String, home: String) -> String {
        word == "~" ? home : word.hasPrefix("~/") ? home + word.dropFirst() : word
    }
}

/// The quick start could not be read from the README.
struct QuickStartError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
