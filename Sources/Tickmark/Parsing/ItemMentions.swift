/// The owners an item's text names: `@handle` and `@org/team` mentions.
enum ItemMentions {
    /// The mentions in `text`, in order, without duplicates. An `@` right after a handle byte or a
    /// backtick (an e-mail address, or code) starts none; trailing `.`, `/` and `-` are not part
    /// of a mention.
    static func mentions(in text: String) -> [String] {
        var text = text
        guard text.withUTF8({ $0.contains(0x40) }) else { return [] }
        var found: [String] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == 0x40 else { continue }
            if index > 0 {
                let before = bytes[index - 1]
                if isHandleByte(before) || before == 0x60 { continue }
            }
            var end = index + 1
            while end < bytes.count, isHandleByte(bytes[end]) || bytes[end] == 0x2F { end += 1 }
            while end > index + 1, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2F || bytes[end - 1] == 0x2D { end -= 1 }
            guard end > index + 1 else { continue }
            let mention = String(decoding: bytes[index..<end], as: UTF8.self)
            if !found.contains(mention) { found.append(mention) }
            index = end - 1
        }
        return found
    }

    private static func isHandleByte(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == 0x2D || byte == 0x5F || byte == 0x2E
    }
}
