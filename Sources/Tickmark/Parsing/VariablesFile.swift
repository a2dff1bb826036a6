import Yams

/// Reads a `--vars-file`: a YAML mapping of names to values, or a `.env` file of `NAME=value` lines.
package enum VariablesFile {
    /// The variables in the file at `path`, in the order written.
    package static func load(_ path: String) throws(TickmarkError) -> [(name: String, value: String)] {
        let bytes = try ChecklistFile.readBytes(path, limit: ChecklistFile.smallFileReadLimit)
        return try parse(bytes, path: path)
    }

    /// The variables in `bytes`; `.env` syntax when the name says so or the text is not a YAML mapping.
    package static func parse(_ bytes: [UInt8], path: String) throws(TickmarkError) -> [(name: String, value: String)] {
        let text = String(decoding: bytes, as: UTF8.self)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let looksLikeDotEnv = name.hasPrefix(".env") || name.hasSuffix(".env")
        if !looksLikeDotEnv, let node = try? Yams.compose(yaml: text), case .mapping(let mapping) = node {
            var result: [(String, String)] = []
            for (key, value) in mapping {
                let variable = key.scalar?.string ?? ""
                guard let scalar = value.scalar else {
                    throw TickmarkError(.invalidInput, "variable '\(variable)' must have a single value", path: path,
                                        position: key.mark.map { SourcePosition(line: $0.line, column: $0.column, offset: 0) })
                }
                result.append((variable, scalar.string))
            }
            return result
        }
        return try parseDotEnv(text, path: path)
    }

    private static func parseDotEnv(_ text: String, path: String) throws(TickmarkError) -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingASCIIWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingASCIIWhitespace() }
            guard let equals = line.firstIndex(of: "=") else {
                throw TickmarkError(.invalidInput, "expected NAME=value", path: path, position: SourcePosition(line: index + 1, column: 1, offset: 0))
            }
            let name = String(line[..<equals]).trimmingASCIIWhitespace()
            var value = String(line[line.index(after: equals)...]).trimmingASCIIWhitespace()
            guard VariableScanner.isValidName(name) else {
                throw TickmarkError(.invalidInput, "'\(name)' is not a valid variable name", path: path, position: SourcePosition(line: index + 1, column: 1, offset: 0))
            }
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            result.append((name, value))
        }
        return result
    }
}
