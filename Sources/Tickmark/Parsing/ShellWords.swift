/// A word of a probe's argument text, split the way a shell would: spaces separate words,
/// single quotes keep everything literal, double quotes allow `\"` and `\\`, and a backslash
/// outside quotes escapes the next character.
package struct ShellWord: Equatable, Sendable {
    /// The word with quotes removed.
    package var value: String
    /// Byte offset of the word's first byte in the text it came from.
    package var offset: Int
    /// Byte length of the word as written, quotes included.
    package var length: Int
    /// Whether the word started with a quote (then it is never read as `key=value`).
    package var startsQuoted: Bool
    /// The length in bytes of the `key=` prefix when the word is an option, else `nil`.
    package var optionKeyLength: Int?
}

/// Why a line could not be split into words.
package struct ShellWordsError: Error, Equatable, Sendable {
    /// What is wrong.
    package var message: String
    /// Byte offset of the problem in the text.
    package var offset: Int
}

/// Splits probe argument text into words.
package enum ShellWords {
    /// The words of `text`, or the first quoting problem.
    package static func split(_ text: String) -> Result<[ShellWord], ShellWordsError> {
        let bytes = Array(text.utf8)
        var words: [ShellWord] = []
        var index = 0
        while index < bytes.count {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
            guard index < bytes.count else { break }
            let start = index
            var value: [UInt8] = []
            var optionKeyLength: Int?
            let startsQuoted = bytes[index] == 0x22 || bytes[index] == 0x27
            while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09 {
                let byte = bytes[index]
                switch byte {
                case 0x27: // '
                    guard let close = bytes[(index + 1)...].firstIndex(of: 0x27) else {
                        return .failure(ShellWordsError(message: "unterminated single quote", offset: index))
                    }
                    value.append(contentsOf: bytes[(index + 1)..<close])
                    index = close + 1
                case 0x22: // "
                    var cursor = index + 1
                    var closed = false
                    while cursor < bytes.count {
                        let inner = bytes[cursor]
                        if inner == 0x5C, cursor + 1 < bytes.count, [0x22, 0x5C].contains(bytes[cursor + 1]) {
                            value.append(bytes[cursor + 1])
                            cursor += 2
                        } else if inner == 0x22 {
                            closed = true
                            break
                        } else {
                            value.append(inner)
                            cursor += 1
                        }
                    }
                    guard closed else {
                        return .failure(ShellWordsError(message: "unterminated double quote", offset: index))
                    }
                    index = cursor + 1
                case 0x5C where index + 1 < bytes.count: // backslash
                    value.append(bytes[index + 1])
                    index += 2
                case 0x3D where optionKeyLength == nil && !startsQuoted && isOptionKey(value): // =
                    optionKeyLength = index - start + 1
                    value.append(byte)
                    index += 1
                default:
                    value.append(byte)
                    index += 1
                }
            }
            words.append(ShellWord(
                value: String(decoding: value, as: UTF8.self), offset: start, length: index - start,
                startsQuoted: startsQuoted, optionKeyLength: optionKeyLength
            ))
        }
        return .success(words)
    }

    /// Whether `bytes` can be an option name: a letter, then letters, digits, `_`, `-` or `.`.
    private static func isOptionKey(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first) else { return false }
        return bytes.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x5F || byte == 0x2D || byte == 0x2E
        }
    }

    /// `value` quoted for `/bin/sh` so that it stays one literal word.
    package static func quote(_ value: String) -> String {
        if !value.isEmpty, value.utf8.allSatisfy({ byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || [0x2D, 0x5F, 0x2E, 0x2F, 0x3A, 0x2C, 0x2B, 0x40, 0x25].contains(byte)
        }) {
            return value
        }
        return "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

extension String {
    /// The string with every occurrence of `target` replaced (no Foundation needed).
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
