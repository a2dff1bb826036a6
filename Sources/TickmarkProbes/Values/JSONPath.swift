import Tickmark

/// Where to look in a JSON document: a dotted path (`.commit`, `data.items[0].id`,
/// `$.build["git.sha"]`) or a JSON Pointer (RFC 6901: `/data/items/0/id`).
///
/// Both forms become the same list of reference tokens. A token selects an object member by
/// name, or, on an array, the element at that index (`0`, `1`, …), as JSON Pointer does.
package struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// The reference tokens, outermost first; empty for the whole document.
    package var tokens: [String]
    /// The path as written.
    package var text: String

    /// Creates a path from tokens.
    package init(tokens: [String], text: String) {
        self.tokens = tokens
        self.text = text
    }

    /// The path as written.
    package var description: String { text }

    /// Why a text is not a path.
    package struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong.
        package var message: String
        /// The message.
        package var description: String { message }
    }

    /// The value at this path in `document`, or `nil` when there is none.
    package func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object:
                guard let next = current[token] else { return nil }
                current = next
            case .array(let elements):
                guard token.utf8.allSatisfy({ (0x30...0x39).contains($0) }), token.count == 1 || token.first != "0",
                      let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Parses a dotted path or, when `text` starts with `/`, a JSON Pointer. `.`, `$` and the
    /// empty pointer `""` name the whole document.
    package static func parse(_ text: String) -> Result<JSONPath, ParseError> {
        if text.hasPrefix("/") { return pointer(text) }
        if ["", ".", "$", "$."].contains(text) { return .success(JSONPath(tokens: [], text: text)) }
        var rest = Substring(text)
        if rest.hasPrefix("$.") || rest.hasPrefix("$[") { rest = rest.dropFirst() }
        var tokens: [String] = []
        var expectingName = !rest.hasPrefix(".") && !rest.hasPrefix("[")
        while !rest.isEmpty || expectingName {
            if rest.hasPrefix("[") {
                guard let close = rest.firstIndex(of: "]") else { return failure(text, "'[' has no closing ']'") }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if inside.count >= 2, let quote = inside.first, quote == "\"" || quote == "'", inside.last == quote {
                    tokens.append(String(inside.dropFirst().dropLast()))
                } else if !inside.isEmpty, inside.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    tokens.append(String(inside))
                } else {
                    return failure(text, "'[\(inside)]' must hold an index such as [0] or a quoted name such as [\"a.b\"]")
                }
                rest = rest[rest.index(after: close)...]
                expectingName = false
                continue
            }
            if expectingName || rest.hasPrefix(".") {
                if !expectingName { rest = rest.dropFirst() }
                let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
                let name = rest[..<end]
                if name.isEmpty {
                    return failure(text, "it has an empty name; write names between dots, such as data.items")
                }
                tokens.append(String(name))
                rest = rest[end...]
                expectingName = false
                continue
            }
            return failure(text, "unexpected '\(rest.first!)'")
        }
        return .success(JSONPath(tokens: tokens, text: text))
    }

    /// RFC 6901: `/`-separated tokens with `~1` for `/` and `~0` for `~`.
    private static func pointer(_ text: String) -> Result<JSONPath, ParseError> {
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var index = raw.startIndex
            while index < raw.endIndex {
                let character = raw[index]
                index = raw.index(after: index)
                guard character == "~" else {
                    token.append(character)
                    continue
                }
                guard index < raw.endIndex, raw[index] == "0" || raw[index] == "1" else {
                    return failure(text, "'~' must be followed by 0 (for '~') or 1 (for '/') in a JSON Pointer")
                }
                token.append(raw[index] == "0" ? "~" : "/")
                index = raw.index(after: index)
            }
            tokens.append(token)
        }
        return .success(JSONPath(tokens: tokens, text: text))
    }

    private static func failure(_ text: String, _ message: String) -> Result<JSONPath, ParseError> {
        .failure(ParseError(message: "'\(text)' is not a JSON path: \(message)"))
    }
}
