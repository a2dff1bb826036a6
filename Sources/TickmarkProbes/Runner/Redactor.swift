import Foundation
import Tickmark

/// Replaces secret values by `***` in any text that leaves the process, in every form Tickmark
/// itself gives a value: as written, shell-quoted, JSON- or backslash-escaped, XML-escaped and
/// percent-encoded.
package struct Redactor: Sendable, Equatable {
    /// Secrets shorter than this are not redacted (they would mangle ordinary text); they are
    /// reported as a warning instead.
    package static let minimumLength = 3

    /// The secret values, longest first so that overlapping secrets redact fully.
    package private(set) var secrets: [String]
    /// Every form of every secret that is searched for, longest first.
    private var forms: [String]

    /// Creates a redactor for `secrets`.
    package init(secrets: [String] = []) {
        self.secrets = Array(Set(secrets.filter { $0.count >= Redactor.minimumLength })).sorted { $0.count > $1.count }
        var forms: Set<String> = []
        for secret in self.secrets { forms.formUnion(Redactor.forms(of: secret)) }
        self.forms = forms.filter { $0.count >= Redactor.minimumLength }.sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }
    }

    /// Adds secret values.
    package mutating func add(_ values: [String]) {
        self = Redactor(secrets: secrets + values)
    }

    /// Environment variable names whose values are secret: they contain TOKEN, SECRET, PASSWORD or KEY.
    package static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["TOKEN", "SECRET", "PASSWORD", "KEY"].contains { upper.contains($0) }
    }

    /// `text` with every form of every secret replaced by `***`.
    package func redact(_ text: String) -> String {
        guard !forms.isEmpty, !text.isEmpty else { return text }
        var result = text
        for form in forms where result.contains(form) {
            result = result.replacingOccurrences(of: form, with: "***")
        }
        return result.contains(Redactor.ellipsis) ? redactingCutForms(result) : result
    }

    /// `redact(_:)`, and also the end of a secret that `text` starts with and the start of one it
    /// ends with: for output kept as a bounded head or tail, which may cut a secret in two.
    package func redactCut(_ text: String) -> String {
        var result = redact(text)
        guard !forms.isEmpty, !result.isEmpty else { return result }
        for form in forms {
            var length = min(form.count - 1, result.count)
            while length >= Redactor.minimumLength {
                if result.hasPrefix(form.suffix(length)) {
                    result = "***" + result.dropFirst(length)
                    break
                }
                length -= 1
            }
            length = min(form.count - 1, result.count)
            while length >= Redactor.minimumLength {
                if result.hasSuffix(form.prefix(length)) {
                    result = result.dropLast(length) + "***"
                    break
                }
                length -= 1
            }
        }
        return result
    }

    /// What Tickmark writes where it cuts a long text short.
    static let ellipsis = "…"

    /// `text` with the start of a secret that a shortened text ends with, just before `…`,
    /// replaced (`stdout does not contain "tok_live_abc…"` when the value was cut at 80 characters).
    private func redactingCutForms(_ text: String) -> String {
        var pieces = text.components(separatedBy: Redactor.ellipsis)
        for index in pieces.indices.dropLast() {
            var piece = pieces[index]
            for form in forms {
                var length = min(form.count - 1, piece.count)
                while length >= Redactor.minimumLength {
                    if piece.hasSuffix(form.prefix(length)) {
                        piece = String(piece.dropLast(length)) + "***"
                        break
                    }
                    length -= 1
                }
            }
            pieces[index] = piece
        }
        return pieces.joined(separator: Redactor.ellipsis)
    }

    /// The forms in which Tickmark may write `secret`.
    static func forms(of secret: String) -> Set<String> {
        var forms: Set<String> = [secret]
        // Shell quoting: the whole quoted word, and the inside of a longer quoted word.
        forms.insert(ShellWords.quote(secret))
        forms.insert(secret.replacingOccurrences(of: "'", with: "'\\''"))
        // JSON strings and backslash-escaped text (`"…\"…"`).
        forms.formUnion(jsonEscaped(secret))
        forms.insert(secret.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))
        // XML and HTML text and attributes.
        let xml = secret.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        for quote in ["&quot;", "&#34;", "&#x22;"] {
            for apostrophe in ["&apos;", "&#39;", "&#x27;", "'"] {
                forms.insert(xml.replacingOccurrences(of: "\"", with: quote).replacingOccurrences(of: "'", with: apostrophe))
            }
        }
        forms.insert(xml)
        forms.insert(xml.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&apos;")
            .replacingOccurrences(of: "\n", with: "&#10;").replacingOccurrences(of: "\r", with: "&#13;").replacingOccurrences(of: "\t", with: "&#9;"))
        // Percent-encoding, as URL components and form bodies write it.
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        for allowed in [unreserved, .urlQueryAllowed, .urlPathAllowed, .urlUserAllowed, .urlPasswordAllowed, .urlHostAllowed, .urlFragmentAllowed] {
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: allowed) {
                forms.insert(encoded)
                forms.insert(lowercasedEscapes(encoded))
            }
        }
        if let encoded = secret.addingPercentEncoding(withAllowedCharacters: unreserved.union(CharacterSet(charactersIn: " "))) {
            forms.insert(encoded.replacingOccurrences(of: " ", with: "+"))
        }
        return forms
    }

    /// The text inside a JSON string as Tickmark's JSON writer escapes it, in both of its escape
    /// styles (`\u0008` in reports and `show --json`, `\b` in run records).
    private static func jsonEscaped(_ text: String) -> [String] {
        [JSONWriter.Format.compact, .record].map { format in
            var writer = JSONWriter(format: format)
            writer.string(text)
            return String(writer.text.dropFirst().dropLast())
        }
    }

    /// `%2F` → `%2f`: some encoders write lower-case hex digits.
    private static func lowercasedEscapes(_ text: String) -> String {
        var out = ""
        var remaining = 0
        for character in text {
            if character == "%" {
                remaining = 2
                out.append(character)
            } else if remaining > 0 {
                remaining -= 1
                out += character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}
