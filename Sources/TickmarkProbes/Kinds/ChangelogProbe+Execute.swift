import Tickmark

extension ChangelogProbe {
    /// Looks for the version's release heading among the changelog's Markdown headings (read by
    /// cmark-gfm, never by pattern over raw text).
    package static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        let name = configuration.path
        var evidence = ProbeEvidence(action: configuration.summary)
        let bytes: [UInt8]
        do {
            guard let read = try context.files.read(context.resolve(name)) else {
                return ProbeResult(.fail, "\(name) does not exist", evidence: evidence)
            }
            bytes = read
        } catch {
            return ProbeResult(.error, "\(error)", evidence: evidence)
        }
        let releases = MarkdownHeadings.headings(in: bytes).compactMap(ReleaseHeading.init)
        evidence.fields.append(EvidenceField("sections", String(releases.count)))
        guard let found = releases.first(where: { $0.names(configuration.version) }) else {
            let latest = releases.first { $0.version.lowercased() != "unreleased" }.map { "; the latest is \($0.version) (line \($0.line))" } ?? ""
            evidence.output = releases.prefix(10).map { "\($0.line): \($0.text)" }.joined(separator: "\n")
            return ProbeResult(.fail, "\(name) has no section for \(configuration.version)\(latest)", evidence: evidence)
        }
        evidence.fields.append(EvidenceField("heading", "line \(found.line): \(found.text)"))
        if configuration.requiresDate && found.date == nil {
            return ProbeResult(.fail, "\(name):\(found.line) has a section for \(configuration.version) but no release date (## [\(configuration.version)] - YYYY-MM-DD)", evidence: evidence)
        }
        let dated = found.date.map { ", dated \($0)" } ?? ""
        return ProbeResult(.pass, "\(name):\(found.line) has a section for \(configuration.version)\(dated)", evidence: evidence)
    }
}

/// A heading that opens a release section: `[1.2.3] - 2026-05-01`, `1.2.3`, `v1.2.3 (2026-05-01)`,
/// `[Unreleased]`. (A bracketed version that matches a link reference definition reaches here
/// as plain `1.2.3 - 2026-05-01`, which reads the same.)
struct ReleaseHeading {
    var version: String
    var date: String?
    var line: Int
    var text: String

    init?(_ heading: MarkdownHeading) {
        var rest = Substring(heading.text)
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            version = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
        } else {
            let end = rest.firstIndex(where: \.isWhitespace) ?? rest.endIndex
            version = String(rest[..<end])
            rest = rest[end...]
        }
        let startsWithDigit = version.first?.isASCII == true && version.first?.isNumber == true
        let tagged = (version.first == "v" || version.first == "V") && version.dropFirst().first?.isNumber == true
        guard startsWithDigit || tagged || version.lowercased() == "unreleased" else { return nil }
        date = rest.split(whereSeparator: { $0.isWhitespace || "()[]–—".contains($0) })
            .first { ReleaseHeading.isDate($0) }.map(String.init)
        line = heading.line
        text = heading.text
    }

    /// Whether the heading is the section of `wanted` (a leading `v` and the case of
    /// `Unreleased` do not matter).
    func names(_ wanted: String) -> Bool {
        let mine = version.lowercased(), other = wanted.lowercased()
        return mine == other || mine == "v" + other || "v" + mine == other
    }

    /// `YYYY-MM-DD`.
    static func isDate(_ word: Substring) -> Bool {
        let bytes = Array(word.utf8)
        return bytes.count == 10 && bytes[4] == 0x2D && bytes[7] == 0x2D
            && bytes.enumerated().allSatisfy { index, byte in index == 4 || index == 7 || (0x30...0x39).contains(byte) }
    }
}
