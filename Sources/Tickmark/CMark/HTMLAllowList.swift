/// The raw HTML and the link addresses a report may show, as GitHub allows them in Markdown:
/// formatting tags without attributes (`<details open>` aside); no styles, scripts, forms, frames,
/// meta, base or links of HTML's own; link addresses only `http:`, `https:`, `mailto:` or relative.
///
/// A tag that is not allowed is shown as text (its `<` escaped), so that a reader sees what the
/// checklist tried; comments are dropped.
package enum HTMLAllowList {
    /// Tags kept, always without attributes except those in `attributes`.
    static let tags: Set<String> = [
        "details", "summary", "br", "hr", "p", "div", "span", "b", "i", "em", "strong", "code", "pre", "kbd", "samp",
        "var", "sub", "sup", "ins", "del", "s", "strike", "u", "small", "mark", "abbr", "cite", "q", "dfn", "tt",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "wbr",
    ]
    /// Attributes kept, by tag: valueless ones only.
    static let attributes: [String: Set<String>] = ["details": ["open"]]
    /// URL schemes a link may have.
    static let schemes: Set<String> = ["http", "https", "mailto"]

    /// `html` with every tag outside the allow-list escaped, allowed tags stripped of their
    /// attributes, and comments removed.
    package static func sanitize(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") else {
                output.append(byte)
                index += 1
                continue
            }
            if bytes[index...].starts(with: Array("<!--".utf8)), let end = find(Array("-->".utf8), in: bytes, from: index + 4) {
                index = end + 3
                continue
            }
            if let (tag, end) = allowedTag(bytes, at: index) {
                output += Array(tag.utf8)
                index = end
                continue
            }
            output += Array("&lt;".utf8)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether a link to `url` may be kept: a relative address or one of `schemes`, judged the way
    /// browsers read it (ASCII controls and spaces ignored).
    package static func isSafeURL(_ url: String) -> Bool {
        let cleaned = url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }
        var scheme = ""
        for scalar in cleaned {
            if scalar == ":" { return schemes.contains(scheme.lowercased()) }
            if scalar == "/" || scalar == "?" || scalar == "#" { return true }
            scheme.unicodeScalars.append(scalar)
        }
        return true
    }

    /// The normalized allowed tag starting at `start` and the index after it, or `nil`.
    private static func allowedTag(_ bytes: [UInt8], at start: Int) -> (String, Int)? {
        var index = start + 1
        let closing = index < bytes.count && bytes[index] == UInt8(ascii: "/")
        if closing { index += 1 }
        let nameStart = index
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        guard index > nameStart, isLetter(bytes[nameStart]) else { return nil }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
        guard tags.contains(name) else { return nil }
        var kept: [String] = []
        // Attributes up to the closing `>`, quoted values skipped whole.
        while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard let end = bytes[(index + 1)...].firstIndex(of: byte) else { return nil }
                index = end + 1
                continue
            }
            if isLetter(byte) {
                let attributeStart = index
                while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
                let attribute = String(decoding: bytes[attributeStart..<index], as: UTF8.self).lowercased()
                let hasValue = index < bytes.count && bytes[index] == UInt8(ascii: "=")
                if !closing, !hasValue, attributes[name]?.contains(attribute) == true, !kept.contains(attribute) {
                    kept.append(attribute)
                }
                continue
            }
            if byte == UInt8(ascii: "<") { return nil }
            index += 1
        }
        guard index < bytes.count else { return nil }
        let tag = "<" + (closing ? "/" : "") + name + kept.map { " " + $0 }.joined() + ">"
        return (tag, index + 1)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start <= bytes.count - needle.count else { return nil }
        for index in start...(bytes.count - needle.count) where bytes[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }
}
