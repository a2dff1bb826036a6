import Tickmark

/// The `-----BEGIN LABEL-----` / Base64 / `-----END LABEL-----` text wrapping used by OpenSSH for
/// signatures and private keys.
enum Armor {
    /// The armored text: header line, Base64 wrapped at `width` columns, footer line, each ending in LF.
    static func encode(_ bytes: [UInt8], label: String, width: Int = 70) -> String {
        let base64 = Array(Base64.encode(bytes).utf8)
        var text = "-----BEGIN \(label)-----\n"
        var start = 0
        while start < base64.count {
            let end = min(start + width, base64.count)
            text += String(decoding: base64[start..<end], as: UTF8.self) + "\n"
            start = end
        }
        return text + "-----END \(label)-----\n"
    }

    /// The bytes inside an armored text, or a reason it is malformed.
    ///
    /// When `strict`, the text must be exactly header, Base64 lines, footer, each line ending in
    /// LF (the last LF may be missing), with no other byte anywhere: this is how signature files
    /// are read, so that no changed byte goes unnoticed. Otherwise CR before LF and blank lines
    /// around the block are accepted, as for key files that passed through an editor.
    static func decode(_ bytes: [UInt8], label: String, strict: Bool) -> Result<[UInt8], ArmorError> {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if lines.last == [] { lines.removeLast() }
        if !strict {
            lines = lines.map { $0.last == 0x0D ? Array($0.dropLast()) : $0 }
            while lines.first?.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) == true { lines.removeFirst() }
            while lines.last?.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) == true { lines.removeLast() }
        }
        let begin = Array("-----BEGIN \(label)-----".utf8)
        let end = Array("-----END \(label)-----".utf8)
        guard lines.first == begin else {
            return .failure(ArmorError(message: "does not start with '-----BEGIN \(label)-----'"))
        }
        guard lines.count >= 2, lines.last == end else {
            return .failure(ArmorError(message: "does not end with '-----END \(label)-----'"))
        }
        let body = lines[1..<(lines.count - 1)]
        guard !body.isEmpty, !body.contains(where: \.isEmpty) else {
            return .failure(ArmorError(message: "has an empty line inside the \(label.lowercased()) block"))
        }
        guard let decoded = Base64.decode(Array(body.joined())) else {
            return .failure(ArmorError(message: "holds malformed Base64 inside the \(label.lowercased()) block"))
        }
        return .success(decoded)
    }
}

/// Why an armored text could not be read.
struct ArmorError: Error, Sendable {
    /// A phrase that completes "the file …".
    var message: String
}
