#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `${name}` in a probe's text.
package struct VariableReference: Equatable, Sendable {
    /// The variable's name (`base_url`, `git.head`).
    package var name: String
    /// The byte range of `${name}` in the text it was found in.
    package var range: Range<Int>
}

/// Finds `${name}` references. Names are letters, digits, `_`, `-` and `.`, starting with a letter
/// or `_`. A `$` not followed by `{` is ordinary text (shell variables stay untouched).
package enum VariableScanner {
    /// The built-in variables, always defined.
    package static let builtins: Set<String> = [
        "git.head", "git.branch", "git.tag", "today", "now", "checklist.dir",
    ]

    /// The references in `text`, or the offset and reason of a malformed one.
    package static func references(in text: String) -> Result<[VariableReference], ShellWordsError> {
        var text = text
        guard text.withUTF8({ $0.count > 0 && memchr($0.baseAddress!, 0x24, $0.count) != nil }) else {
            return .success([])   // no `$`, no reference
        }
        let bytes = Array(text.utf8)
        var found: [VariableReference] = []
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == 0x24, bytes[index + 1] == 0x7B else {
                index += 1
                continue
            }
            guard let close = bytes[(index + 2)...].firstIndex(of: 0x7D) else {
                return .failure(ShellWordsError(message: "'${' has no closing '}'", offset: index))
            }
            let name = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
            guard isValidName(name) else {
                return .failure(ShellWordsError(message: "'${\(name)}' is not a valid variable name", offset: index))
            }
            found.append(VariableReference(name: name, range: index..<(close + 1)))
            index = close + 1
        }
        return .success(found)
    }

    /// Whether `name` is a valid variable name.
    package static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == 0x5F || (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first)
        else { return false }
        return name.utf8.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == 0x5F || byte == 0x2D || byte == 0x2E
        }
    }

    /// `text` with each reference replaced by `value(name)`; references it returns `nil` for stay as written.
    package static func substitute(_ text: String, _ value: (String) -> String?) -> String {
        guard case .success(let references) = references(in: text), !references.isEmpty else { return text }
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        var cursor = 0
        for reference in references {
            result.append(contentsOf: bytes[cursor..<reference.range.lowerBound])
            if let replacement = value(reference.name) {
                result.append(contentsOf: replacement.utf8)
            } else {
                result.append(contentsOf: bytes[reference.range])
            }
            cursor = reference.range.upperBound
        }
        result.append(contentsOf: bytes[cursor...])
        return String(decoding: result, as: UTF8.self)
    }
}
