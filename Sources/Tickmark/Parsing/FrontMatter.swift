import Yams

/// The YAML block at the very top of a checklist, fenced by `---` lines.
struct FrontMatter {
    /// The byte range of the whole block, fences and final line break included.
    var range: Range<Int>
    var id: String?
    var title: String?
    var variables: [VariableDefinition] = []
    var requires: [String] = []
    var defaults = ProbeDefaults()
    /// `roster:`, the path of the roster file (relative to the checklist's folder), and where it is written.
    var roster: (path: String, position: SourcePosition?)?
    /// `roster:` written as a mapping: the roster itself, in the front matter.
    var inlineRoster: RosterFile?

    /// Keys Tickmark reads.
    static let knownKeys = ["id", "title", "vars", "requires", "defaults"]
    /// Keys read by approvals, taken as known for typos but left out of the note that lists
    /// `knownKeys`, so that the wording of other files' diagnostics stays as it was.
    static let approvalKeys = ["roster"]
    /// Keys of GitHub issue templates, accepted as they are.
    static let issueTemplateKeys = ["name", "about", "title", "labels", "assignees", "type", "projects"]

    /// Finds and reads the front matter of `source`, appending problems to `diagnostics`.
    static func read(_ source: SourceText, path: String, diagnostics: inout [Diagnostic]) -> FrontMatter? {
        guard let located = locate(source, path: path, diagnostics: &diagnostics) else { return nil }
        return located.parse(path: path, diagnostics: &diagnostics)
    }

    /// Front matter found, its YAML not read yet. Finding it is all the Markdown parse needs (its
    /// range is blanked).
    struct Located: Sendable {
        var range: Range<Int>
        fileprivate var region: YAMLRegion

        /// Reads the YAML, appending problems to `diagnostics`.
        func parse(path: String, diagnostics: inout [Diagnostic]) -> FrontMatter {
            var frontMatter = FrontMatter(range: range)
            frontMatter.parse(region, path: path, diagnostics: &diagnostics)
            return frontMatter
        }
    }

    /// Finds the front matter of `source`; an unclosed one is a warning in `diagnostics`.
    static func locate(_ source: SourceText, path: String, diagnostics: inout [Diagnostic]) -> Located? {
        let bytes = source.bytes
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard isFence(source, line: 1, from: start, marker: "---") else { return nil }
        var closingLine: Int?
        var line = 2
        while line <= source.lineCount {
            if isFence(source, line: line, from: nil, marker: "---") || isFence(source, line: line, from: nil, marker: "...") {
                closingLine = line
                break
            }
            line += 1
        }
        guard let closingLine else {
            diagnostics.append(Diagnostic(
                .unclosedFrontMatter, .warning,
                "front matter opened with '---' is never closed; the file is read as plain Markdown",
                path: path, at: source.position(ofOffset: start), length: 3,
                notes: ["close the front matter with a line holding only '---'"]
            ))
            return nil
        }
        let end = closingLine < source.lineCount ? source.lineStarts[closingLine] : bytes.count
        let bodyStart = source.lineStarts[1]
        let bodyEnd = source.lineStarts[closingLine - 1]
        let bodyBytes = bytes[bodyStart..<bodyEnd].filter { $0 != 0x0D }
        let text = String(decoding: bodyBytes, as: UTF8.self)
        let region = YAMLRegion(text: text, lineOffsets: Array(source.lineStarts[1..<(closingLine - 1)]) , source: source)
        return Located(range: start..<end, region: region)
    }

    private static func isFence(_ source: SourceText, line: Int, from: Int?, marker: String) -> Bool {
        guard line <= source.lineCount else { return false }
        var range = source.contentRange(ofLine: line)
        if let from { range = from..<max(from, range.upperBound) }
        var bytes = Array(source.bytes[range])
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        return bytes == Array(marker.utf8)
    }

    private mutating func parse(_ region: YAMLRegion, path: String, diagnostics: inout [Diagnostic]) {
        let fallback = region.startPosition
        let root: Node?
        switch region.compose() {
        case .success(let node): root = node
        case .failure(let problem):
            let (message, position) = (problem.message, problem.position)
            diagnostics.append(.invalidYAML(in: "front matter", message, path: path, at: position ?? fallback, source: region.source))
            return
        }
        guard let root else { return }
        guard case .mapping(let mapping) = root else {
            diagnostics.append(Diagnostic(.frontMatter, .error, "front matter must be a YAML mapping of keys to values", path: path, at: region.position(of: root.mark) ?? fallback))
            return
        }
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let position = region.position(of: keyNode.mark)
            if !seen.insert(key).inserted {
                diagnostics.append(Diagnostic(.frontMatter, .error, "front matter key '\(key)' is given twice", path: path, at: position, length: key.utf8.count))
                continue
            }
            switch key {
            case "id":
                guard let text = value.scalar?.string, !text.isEmpty else {
                    diagnostics.append(Diagnostic(.frontMatter, .error, "'id' must be a non-empty string", path: path, at: position, length: 2))
                    continue
                }
                if let problem = FrontMatter.unsafeIDProblem(text) {
                    diagnostics.append(Diagnostic(.frontMatter, .error, "'id' \(problem): it names the run record's file (runs/<id>-<time>.json)", path: path, at: position, length: 2))
                    continue
                }
                id = text
            case "title":
                title = value.scalar?.string
            case "vars":
                readVariables(value, region: region, path: path, at: position, diagnostics: &diagnostics)
            case "requires":
                switch value {
                case .scalar(let scalar): requires = [scalar.string]
                case .sequence(let sequence) where sequence.allSatisfy({ $0.scalar != nil }):
                    requires = sequence.compactMap { $0.scalar?.string }
                default:
                    diagnostics.append(Diagnostic(.frontMatter, .error, "'requires' must be a list of checklist ids", path: path, at: position, length: key.utf8.count))
                }
            case "defaults":
                readDefaults(value, region: region, path: path, at: position, diagnostics: &diagnostics)
            case "roster":
                if case .mapping = value {
                    let fallback = position ?? region.startPosition
                    do {
                        inlineRoster = try RosterFile.parse(value, path: path) { region.position(of: $0.mark) ?? fallback }
                    } catch {
                        diagnostics.append(Diagnostic(.roster, .error, "roster: " + error.message, path: path, at: error.position ?? fallback))
                    }
                    continue
                }
                guard let text = value.scalar?.string, !text.isEmpty else {
                    diagnostics.append(Diagnostic(.frontMatter, .error, "'roster' is the path of a roster file, such as .tickmark/roster.yml, or the roster itself (people: and roles:)", path: path, at: position, length: key.utf8.count))
                    continue
                }
                roster = (text, region.position(of: value.mark) ?? position)
            case _ where FrontMatter.issueTemplateKeys.contains(key):
                continue
            default:
                diagnostics.append(.unknownFrontMatterKey(key, near: FrontMatter.nearKnownKey(key), path: path, at: position))
            }
        }
    }

    /// Why `id` cannot name a file inside the records folder (a `/` or `\\`, a leading `.`,
    /// a control character, more than 200 bytes), or `nil` when it can.
    static func unsafeIDProblem(_ id: String) -> String? {
        if id.contains("/") || id.contains("\\") { return "must not contain '/' or '\\'" }
        if id.hasPrefix(".") { return "must not start with '.'" }
        if id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "must not contain control characters" }
        if id.utf8.count > 200 { return "must be at most 200 bytes long" }
        return nil
    }

    /// The known key `key` is most likely a typo of: one edit away (a swap of two neighbouring
    /// letters counts as one), or two for the longer keys (`title`, `requires`, `defaults`), so
    /// that other tools' short keys such as `tags` are not taken for `vars`.
    static func nearKnownKey(_ key: String) -> String? {
        var best: (key: String, distance: Int)?
        for known in knownKeys + approvalKeys {
            let distance = typoDistance(Array(key.lowercased()), Array(known))
            guard distance <= (known.count >= 5 ? 2 : 1), distance < key.count else { continue }
            if distance < (best?.distance ?? Int.max) { best = (known, distance) }
        }
        return best?.key
    }

    /// Edits (insert, delete, replace, swap of neighbours) from `a` to `b`.
    private static func typoDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }

    private mutating func readVariables(_ node: Node, region: YAMLRegion, path: String, at position: SourcePosition?, diagnostics: inout [Diagnostic]) {
        guard case .mapping(let mapping) = node else {
            diagnostics.append(Diagnostic(.frontMatter, .error, "'vars' must be a mapping of names to values", path: path, at: position, length: 4))
            return
        }
        for (keyNode, value) in mapping {
            let name = keyNode.scalar?.string ?? ""
            let namePosition = region.position(of: keyNode.mark)
            guard VariableScanner.isValidName(name) else {
                diagnostics.append(Diagnostic(.frontMatter, .error, "'\(name)' is not a valid variable name (letters, digits, '_', '-', '.')", path: path, at: namePosition, length: name.utf8.count))
                continue
            }
            guard let scalar = value.scalar else {
                diagnostics.append(Diagnostic(.frontMatter, .error, "variable '\(name)' must have a single value, not a list or mapping", path: path, at: namePosition, length: name.utf8.count))
                continue
            }
            variables.append(VariableDefinition(name: name, value: scalar.string, position: namePosition))
        }
    }

    private mutating func readDefaults(_ node: Node, region: YAMLRegion, path: String, at position: SourcePosition?, diagnostics: inout [Diagnostic]) {
        guard case .mapping(let mapping) = node else {
            diagnostics.append(Diagnostic(.frontMatter, .error, "'defaults' must be a mapping such as { timeout: 30s, retries: 0 }", path: path, at: position, length: 8))
            return
        }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let keyPosition = region.position(of: keyNode.mark)
            let text = value.scalar?.string ?? ""
            switch key {
            case "timeout", "interval":
                guard let duration = DurationText.parse(text) else {
                    diagnostics.append(Diagnostic(.frontMatter, .error, "'\(key)' \(DurationText.problem(text) ?? "must be a duration")", path: path, at: region.position(of: value.mark) ?? keyPosition))
                    continue
                }
                if key == "timeout" { defaults.timeout = duration } else { defaults.interval = duration }
            case "fresh", "warn":
                guard let duration = FreshnessSyntax.duration(text, key: key, path: path, at: region.position(of: value.mark) ?? keyPosition ?? region.startPosition, diagnostics: &diagnostics) else { continue }
                if key == "fresh" { defaults.fresh = duration } else { defaults.warn = duration }
            case "retries":
                guard let count = Int(text), count >= 0 else {
                    diagnostics.append(Diagnostic(.frontMatter, .error, "'retries' must be a whole number, not '\(text)'", path: path, at: region.position(of: value.mark) ?? keyPosition))
                    continue
                }
                defaults.retries = count
            default:
                var message = "unknown key '\(key)' in 'defaults'"
                if let suggestion = Suggestion.closest(to: key, among: ["timeout", "retries", "interval", "fresh", "warn"]) {
                    message += "; did you mean '\(suggestion)'?"
                }
                diagnostics.append(Diagnostic(.unknownFrontMatterKey, .error, message, path: path, at: keyPosition, length: key.utf8.count))
            }
        }
        FreshnessSyntax.checkWarning(defaults.freshness, path: path, at: position ?? region.startPosition, diagnostics: &diagnostics)
    }
}
