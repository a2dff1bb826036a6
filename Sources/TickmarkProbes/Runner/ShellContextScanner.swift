/// Where a place in a `/bin/sh` command line stands for the shell: unquoted, in quotes, in a
/// heredoc, or in a script another shell runs. A single forward pass over the bytes with a stack
/// of quoting frames; it follows POSIX sh closely enough to place `${…}` references, and errs
/// towards the safer form where a construct is unusual.
enum ShellContextScanner {
    /// Where a reference stands.
    enum Context: Equatable {
        case unquoted, doubleQuoted, singleQuoted, heredoc
        /// In the body of a heredoc whose delimiter is quoted (`<<'EOF'`): nothing is expanded.
        case quotedHeredoc
        /// In the script of `sh -c` (or `eval`), outside single quotes: the outer shell must pass
        /// the reference on as text.
        case innerScript
        /// In the script of `sh -c` (or `eval`), inside single quotes.
        case innerScriptSingleQuoted
    }

    /// The context at each of `offsets` (ascending byte offsets of `${` in `bytes`).
    static func contexts(in bytes: [UInt8], at offsets: [Int]) -> [Context] {
        scan(bytes, offsets).map(\.context)
    }

    /// The words of the simple command before the word holding each of `offsets`.
    static func commandWords(in bytes: [UInt8], at offsets: [Int]) -> [[String]] {
        scan(bytes, offsets).map(\.words)
    }

    private enum Frame {
        /// A command list: the whole line, `$(…)` (with its open parentheses) or `` `…` ``.
        case commands(words: [String], word: [UInt8], inWord: Bool, depth: Int, backtick: Bool)
        case single, double
        /// `$((…))`, with the parentheses opened inside it.
        case arithmetic(depth: Int)
    }

    private static let shells: Set<String> = ["sh", "bash", "dash", "zsh", "ksh", "ash", "mksh", "busybox"]

    private static func scan(_ bytes: [UInt8], _ offsets: [Int]) -> [(context: Context, words: [String])] {
        var found: [(context: Context, words: [String])] = []
        var wanted = offsets.makeIterator()
        var nextOffset = wanted.next()
        var frames: [Frame] = [.commands(words: [], word: [], inWord: false, depth: 0, backtick: false)]
        var pending: [(delimiter: [UInt8], quoted: Bool, stripTabs: Bool)] = []
        var index = 0

        func commandFrameIndex() -> Int { frames.lastIndex { if case .commands = $0 { true } else { false } } ?? 0 }
        func appendToWord(_ bytes: [UInt8]) {
            let at = commandFrameIndex()
            guard case .commands(let words, var word, _, let depth, let backtick) = frames[at] else { return }
            word += bytes
            frames[at] = .commands(words: words, word: word, inWord: true, depth: depth, backtick: backtick)
        }
        func endWord(endingCommand: Bool) {
            let at = commandFrameIndex()
            guard case .commands(var words, let word, let inWord, let depth, let backtick) = frames[at] else { return }
            if inWord { words.append(String(decoding: word, as: UTF8.self)) }
            frames[at] = .commands(words: endingCommand ? [] : words, word: [], inWord: false, depth: depth, backtick: backtick)
        }
        func wordsBefore() -> [String] {
            guard case .commands(let words, _, _, _, _) = frames[commandFrameIndex()] else { return [] }
            return words
        }
        func isInnerScript() -> Bool {
            let words = wordsBefore().map { String($0.split(separator: "/").last ?? Substring($0)) }
            if words.contains("eval") { return true }
            guard let last = words.last, last.hasPrefix("-"), !last.hasPrefix("--"), last.contains("c") else { return false }
            return words.dropLast().contains { shells.contains($0) }
        }
        func atReference() -> Bool {
            guard let offset = nextOffset, offset <= index else { return false }
            let inner = isInnerScript()
            // A reference whose `$` was escaped (`\${x}`): the shell keeps what follows as text.
            let context: Context
            if offset < index {
                context = .doubleQuoted
            } else {
                switch frames.last! {
                case .single: context = inner ? .innerScriptSingleQuoted : .singleQuoted
                case .double: context = inner ? .innerScript : .doubleQuoted
                case .arithmetic: context = inner ? .innerScript : .doubleQuoted
                case .commands: context = inner ? .innerScript : .unquoted
                }
            }
            found.append((context, wordsBefore()))
            nextOffset = wanted.next()
            return true
        }
        func skipReference() {
            let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) ?? bytes.count - 1
            appendToWord(Array(bytes[index...close]))
            index = close + 1
        }
        func readHeredocBodies() {
            // `index` is just after the newline that ends the line holding the `<<` operators.
            for heredoc in pending {
                while index < bytes.count {
                    let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                    var line = Array(bytes[index..<end])
                    if heredoc.stripTabs { line = Array(line.drop { $0 == UInt8(ascii: "\t") }) }
                    if line == heredoc.delimiter {
                        index = min(end + 1, bytes.count)
                        break
                    }
                    while let offset = nextOffset, offset < end {
                        if offset >= index { found.append((heredoc.quoted ? .quotedHeredoc : .heredoc, [])) }
                        nextOffset = wanted.next()
                    }
                    index = min(end + 1, bytes.count)
                }
            }
            pending = []
        }
        func readHeredocOperator() {
            // `index` is at the first `<` of `<<`.
            index += 2
            var stripTabs = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
                stripTabs = true
                index += 1
            }
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
            var delimiter: [UInt8] = []
            var quoted = false
            let stops: Set<UInt8> = Set(" \t\n;&|<>()".utf8)
            while index < bytes.count, !stops.contains(bytes[index]) {
                let byte = bytes[index]
                if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                    quoted = true
                    let close = bytes[(index + 1)...].firstIndex(of: byte) ?? bytes.count
                    delimiter += bytes[(index + 1)..<min(close, bytes.count)]
                    index = close + 1
                } else if byte == UInt8(ascii: "\\") {
                    quoted = true
                    if index + 1 < bytes.count { delimiter.append(bytes[index + 1]) }
                    index += 2
                } else {
                    delimiter.append(byte)
                    index += 1
                }
            }
            if !delimiter.isEmpty { pending.append((delimiter, quoted, stripTabs)) }
        }

        while index < bytes.count {
            if atReference() {
                skipReference()
                continue
            }
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            if byte == UInt8(ascii: "$"), next == UInt8(ascii: "("), index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "(") {
                if case .single = frames.last! {} else {
                    appendToWord([])
                    frames.append(.arithmetic(depth: 0))
                    index += 3
                    continue
                }
            }
            switch frames.last! {
            case .arithmetic(let depth):
                if byte == UInt8(ascii: "(") {
                    frames[frames.count - 1] = .arithmetic(depth: depth + 1)
                } else if byte == UInt8(ascii: ")") {
                    if depth == 0 {
                        frames.removeLast()
                        index += 1   // the second `)`
                    } else {
                        frames[frames.count - 1] = .arithmetic(depth: depth - 1)
                    }
                } else {
                    appendToWord([byte])
                }
                index += 1
            case .single:
                if byte == UInt8(ascii: "'") { frames.removeLast() } else { appendToWord([byte]) }
                index += 1
            case .double:
                switch byte {
                case UInt8(ascii: "\""): frames.removeLast()
                case UInt8(ascii: "\\"):
                    if let next { appendToWord([next]) }
                    index += 1
                case UInt8(ascii: "`"): frames.append(.commands(words: [], word: [], inWord: false, depth: 0, backtick: true))
                case UInt8(ascii: "$") where next == UInt8(ascii: "("):
                    frames.append(.commands(words: [], word: [], inWord: false, depth: 0, backtick: false))
                    index += 1
                default: appendToWord([byte])
                }
                index += 1
            case .commands(_, _, let inWord, let depth, let backtick):
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"):
                    endWord(endingCommand: false)
                    index += 1
                case UInt8(ascii: "\n"):
                    endWord(endingCommand: true)
                    index += 1
                    if !pending.isEmpty { readHeredocBodies() }
                case UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"):
                    endWord(endingCommand: true)
                    index += 1
                case UInt8(ascii: "("):
                    endWord(endingCommand: true)
                    if frames.count > 1, case .commands(let words, let word, let inWord, let depth, let backtick) = frames[frames.count - 1] {
                        frames[frames.count - 1] = .commands(words: words, word: word, inWord: inWord, depth: depth + 1, backtick: backtick)
                    }
                    index += 1
                case UInt8(ascii: ")"):
                    endWord(endingCommand: true)
                    if frames.count > 1, !backtick {
                        if depth == 0 {
                            frames.removeLast()
                            appendToWord(Array("$(…)".utf8))
                        } else if case .commands(let words, let word, let inWord, _, _) = frames[frames.count - 1] {
                            frames[frames.count - 1] = .commands(words: words, word: word, inWord: inWord, depth: depth - 1, backtick: false)
                        }
                    }
                    index += 1
                case UInt8(ascii: "`"):
                    if backtick && frames.count > 1 {
                        endWord(endingCommand: true)
                        frames.removeLast()
                        appendToWord(Array("`…`".utf8))
                    } else {
                        appendToWord([])
                        frames.append(.commands(words: [], word: [], inWord: false, depth: 0, backtick: true))
                    }
                    index += 1
                case UInt8(ascii: "'"):
                    appendToWord([])
                    frames.append(.single)
                    index += 1
                case UInt8(ascii: "\""):
                    appendToWord([])
                    frames.append(.double)
                    index += 1
                case UInt8(ascii: "\\"):
                    if let next, next != UInt8(ascii: "\n") { appendToWord([next]) }
                    index += 2
                case UInt8(ascii: "$") where next == UInt8(ascii: "("):
                    appendToWord([])
                    frames.append(.commands(words: [], word: [], inWord: false, depth: 0, backtick: false))
                    index += 2
                case UInt8(ascii: "<") where next == UInt8(ascii: "<"):
                    endWord(endingCommand: false)
                    if index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: "<") {
                        index += 3   // a here-string (`<<<`), not a heredoc
                    } else {
                        readHeredocOperator()
                    }
                case UInt8(ascii: "#") where !inWord:
                    let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                    while let offset = nextOffset, offset < end {
                        // A reference in a comment: the shell ignores it; any form is harmless.
                        found.append((.unquoted, wordsBefore()))
                        nextOffset = wanted.next()
                    }
                    index = end
                default:
                    appendToWord([byte])
                    index += 1
                }
            }
        }
        while let offset = nextOffset {
            _ = offset
            found.append((.unquoted, []))
            nextOffset = wanted.next()
        }
        return found
    }
}
