/// Replaces secret values by `***` in any text that leaves the process.
package struct Redactor: Sendable, Equatable {
    /// Secrets shorter than this are not redacted (they would mangle ordinary text); they are
    /// reported as a warning instead.
    package static let minimumLength = 3

    /// The secret values, longest first so that overlapping secrets redact fully.
    package private(set) var secrets: [String]

    /// Creates a redactor for `secrets`.
    package init(secrets: [String] = []) {
        self.secrets = Array(Set(secrets.filter { $0.count >= Redactor.minimumLength })).sorted { $0.count > $1.count }
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

    /// `text` with every secret replaced by `***`.
    package func redact(_ text: String) -> String {
        guard !secrets.isEmpty, !text.isEmpty else { return text }
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        return result
    }
}
