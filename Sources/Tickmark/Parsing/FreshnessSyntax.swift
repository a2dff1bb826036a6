extension DiagnosticID {
    /// A `fresh:` or `warn:` value that cannot be read, or that makes no sense.
    public static let invalidFreshness = DiagnosticID("InvalidFreshness")
}

/// Reads an item's own freshness code span, `` `fresh: 7d` `` or `` `fresh: 7d warn: 1d` ``
/// (`warn:` alone takes `fresh` from the defaults), and checks freshness values wherever they are
/// written.
enum FreshnessSyntax {
    /// The keys of a freshness span.
    static let keys = ["fresh", "warn"]

    /// Whether a code span's text is an item's freshness span: it starts with `fresh:` or `warn:`.
    static func isItemFreshness(_ literal: String) -> Bool {
        isItemFreshness(literal.utf8)
    }

    /// Whether a code span's bytes are an item's `fresh:`/`warn:` span.
    static func isItemFreshness<Bytes: Collection<UInt8>>(_ literal: Bytes) -> Bool {
        let text = literal.drop { $0 == 0x20 }
        return text.starts(with: "fresh:".utf8) || text.starts(with: "warn:".utf8)
    }

    /// Reads the span `literal`, whose first byte is at `start`; problems go to `diagnostics`.
    static func item(literal: String, start: SourcePosition, source: SourceText, path: String, diagnostics: inout [Diagnostic]) -> Freshness {
        var freshness = Freshness()
        let bytes = Array(literal.utf8)
        let at: (Int) -> SourcePosition = { source.position(ofOffset: start.offset + $0, from: start) }
        var index = 0
        func skipSpace() { while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x2C || bytes[index] == 0x09 { index += 1 } }
        func word() -> (String, Int) {
            let from = index
            while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x2C, bytes[index] != 0x09, bytes[index] != 0x3A, bytes[index] != 0x3D { index += 1 }
            return (String(decoding: bytes[from..<index], as: UTF8.self), from)
        }
        skipSpace()
        while index < bytes.count {
            let (key, keyOffset) = word()
            guard index < bytes.count, bytes[index] == 0x3A || bytes[index] == 0x3D, keys.contains(key) else {
                var message = "'\(key)' is not a freshness key; write `fresh: 7d` or `fresh: 7d warn: 1d`"
                if let suggestion = Suggestion.closest(to: key, among: keys) { message = "'\(key)' is not a freshness key; did you mean '\(suggestion)'?" }
                diagnostics.append(Diagnostic(.invalidFreshness, .error, message, path: path, at: at(keyOffset), length: max(1, key.utf8.count)))
                return freshness
            }
            index += 1
            skipSpace()
            let valueStart = index
            while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x2C, bytes[index] != 0x09 { index += 1 }
            let value = String(decoding: bytes[valueStart..<index], as: UTF8.self)
            guard let duration = duration(value, key: key, path: path, at: at(valueStart < bytes.count ? valueStart : keyOffset), diagnostics: &diagnostics) else {
                return freshness
            }
            if key == "fresh" { freshness.fresh = duration } else { freshness.warn = duration }
            skipSpace()
        }
        checkWarning(freshness, path: path, at: start, diagnostics: &diagnostics)
        return freshness
    }

    /// `text` read as a positive duration; otherwise an error naming `key`.
    static func duration(_ text: String, key: String, path: String, at position: SourcePosition, diagnostics: inout [Diagnostic]) -> Duration? {
        guard let duration = DurationText.parse(text), duration > .zero else {
            diagnostics.append(Diagnostic(
                .invalidFreshness, .error, "'\(key)' must be a duration such as 7d, 12h or 30m, not '\(text)'",
                path: path, at: position, length: max(1, text.utf8.count)
            ))
            return nil
        }
        return duration
    }

    /// A warning when `warn` is not shorter than `fresh` (the evidence would always be expiring).
    static func checkWarning(_ freshness: Freshness, path: String, at position: SourcePosition, diagnostics: inout [Diagnostic]) {
        guard let fresh = freshness.fresh, let warn = freshness.warn, warn >= fresh else { return }
        diagnostics.append(Diagnostic(
            .invalidFreshness, .warning,
            "'warn: \(AgeText.rule(warn))' is not shorter than 'fresh: \(AgeText.rule(fresh))', so the evidence is always shown as expiring",
            path: path, at: position, notes: ["make warn shorter than fresh, such as fresh: 7d warn: 1d"]
        ))
    }
}
