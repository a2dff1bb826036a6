import Tickmark

/// One `NAME → VALUE` entry of an option that holds several (`json`, `header`, `headers`).
package struct ProbeEntry: Sendable, Equatable {
    /// The entry's name: a JSON path, a header name.
    package var name: String
    /// The entry's value; `nil` when an inline word gave only a name (`header=X-Frame-Options`).
    package var value: ProbeValue?
    /// Where the entry was written: the option word, or the mapping key in a block.
    package var position: SourcePosition
    /// The length to underline at `position`.
    package var length: Int
}

extension ProbeDecoder {
    /// Every entry of the option `key`, in the order written, from any of three spellings:
    ///
    /// - a block mapping: `json: { commit: abc, /data/0: x }` (values keep their YAML type);
    /// - inline words `key=NAME<separator>VALUE`, repeatable: `json=.commit=abc`, `header=Server:nginx`
    ///   (split at the first separator; block lists of such strings work too);
    /// - inline words `key.NAME=VALUE`: `json.commit=abc`, `header.Server=nginx`.
    ///
    /// All of them are marked read; `finish` should list `key` as repeatable.
    package mutating func entries(_ key: String, separator: Character) -> [ProbeEntry] {
        var found: [ProbeEntry] = []
        let prefix = key + "."
        for option in spec.options where option.key == key || option.key.hasPrefix(prefix) {
            _ = self.option(option.key)
            if option.key != key {
                found.append(ProbeEntry(
                    name: String(option.key.dropFirst(prefix.count)), value: option.value,
                    position: option.position, length: option.key.utf8.count
                ))
                continue
            }
            switch option.value {
            case .mapping(let members):
                for member in members {
                    found.append(ProbeEntry(name: member.key, value: member.value, position: member.position, length: max(1, member.key.utf8.count)))
                }
            case .list(let elements):
                for element in elements {
                    found.append(Self.splitEntry(element.scalarText ?? "", separator: separator, at: option.position, length: key.utf8.count))
                }
            default:
                found.append(Self.splitEntry(option.value.scalarText ?? "", separator: separator, at: option.position, length: key.utf8.count))
            }
        }
        return found
    }

    private static func splitEntry(_ text: String, separator: Character, at position: SourcePosition, length: Int) -> ProbeEntry {
        guard let index = text.firstIndex(of: separator) else {
            return ProbeEntry(name: text.trimmingASCIIWhitespace(), value: nil, position: position, length: length)
        }
        let name = text[..<index].trimmingASCIIWhitespace()
        let value = text[text.index(after: index)...].trimmingASCIIWhitespace()
        return ProbeEntry(name: name, value: .string(value), position: position, length: length)
    }
}
