/// A version number as defined by Semantic Versioning 2.0.0: `MAJOR.MINOR.PATCH`, an optional
/// pre-release part (`-rc.1`) and optional build metadata (`+build.5`).
///
/// Versions compare by SemVer precedence: numerically by major, minor and patch; a pre-release
/// sorts before its release; pre-release identifiers compare one by one (numeric ones as numbers
/// and lower than alphanumeric ones). Build metadata plays no part in precedence, so `==` also
/// ignores it; compare `buildMetadata` directly when it matters.
package struct SemanticVersion: Sendable, Hashable, Comparable, LosslessStringConvertible {
    /// The major version.
    package var major: Int
    /// The minor version.
    package var minor: Int
    /// The patch version.
    package var patch: Int
    /// Pre-release identifiers (`["rc", "1"]` for `-rc.1`); empty for a release.
    package var prerelease: [String]
    /// Build metadata identifiers (`["build", "5"]` for `+build.5`).
    package var buildMetadata: [String]

    /// Creates a version from its parts; identifiers are taken as given.
    package init(major: Int, minor: Int, patch: Int, prerelease: [String] = [], buildMetadata: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.buildMetadata = buildMetadata
    }

    /// Parses `text`, which must be exactly a SemVer 2.0.0 version (no `v` prefix, no spaces).
    package init?(_ text: String) {
        guard case .success(let version) = SemanticVersion.parse(text) else { return nil }
        self = version
    }

    /// Whether the version has a pre-release part.
    package var isPrerelease: Bool { !prerelease.isEmpty }

    /// The version as written by SemVer: `1.2.3-rc.1+build.5`.
    package var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.joined(separator: ".") }
        if !buildMetadata.isEmpty { text += "+" + buildMetadata.joined(separator: ".") }
        return text
    }

    /// Why a text is not a semantic version.
    package struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, phrased for a diagnostic (`'1.2' needs three numbers, MAJOR.MINOR.PATCH`).
        package var message: String
        /// The message.
        package var description: String { message }
    }

    /// Parses `text` as a SemVer 2.0.0 version, explaining what is wrong when it is not one.
    package static func parse(_ text: String) -> Result<SemanticVersion, ParseError> {
        func failure(_ message: String) -> Result<SemanticVersion, ParseError> {
            .failure(ParseError(message: "'\(text)' is not a semantic version: \(message)"))
        }
        guard !text.isEmpty else { return failure("it is empty") }
        if let first = text.first, first == "v" || first == "V" { return failure("remove the leading '\(first)'") }
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            rest = rest[..<plus]
            if let problem = identifierProblem(build, numericMustBeCanonical: false) { return failure("build metadata \(problem)") }
        }
        var pre: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            pre = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            rest = rest[..<dash]
            if let problem = identifierProblem(pre, numericMustBeCanonical: true) { return failure("pre-release \(problem)") }
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3 else { return failure("it needs three numbers, MAJOR.MINOR.PATCH") }
        var numbers: [Int] = []
        for part in core {
            guard !part.isEmpty, part.utf8.allSatisfy(isDigit) else { return failure("'\(part)' is not a number") }
            guard part.count == 1 || part.first != "0" else { return failure("'\(part)' has a leading zero") }
            guard let number = Int(part) else { return failure("'\(part)' is too large") }
            numbers.append(number)
        }
        return .success(SemanticVersion(major: numbers[0], minor: numbers[1], patch: numbers[2], prerelease: pre, buildMetadata: build))
    }

    /// Parses a tag such as `v1.2.3` or `1.2.3`: one leading `v` or `V` is allowed.
    package static func parse(tag: String) -> Result<SemanticVersion, ParseError> {
        if let first = tag.first, first == "v" || first == "V" { return parse(String(tag.dropFirst())) }
        return parse(tag)
    }

    /// SemVer precedence.
    package static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if (lhs.major, lhs.minor, lhs.patch) != (rhs.major, rhs.minor, rhs.patch) {
            return (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }
        switch (lhs.prerelease.isEmpty, rhs.prerelease.isEmpty) {
        case (true, _): return false
        case (false, true): return true
        case (false, false): break
        }
        for (left, right) in zip(lhs.prerelease, rhs.prerelease) where left != right {
            switch (isNumeric(left), isNumeric(right)) {
            case (true, true): return (left.count, left) < (right.count, right)
            case (true, false): return true
            case (false, true): return false
            case (false, false): return Array(left.utf8).lexicographicallyPrecedes(right.utf8)
            }
        }
        return lhs.prerelease.count < rhs.prerelease.count
    }

    /// Equal precedence: build metadata is ignored.
    package static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) == (rhs.major, rhs.minor, rhs.patch) && lhs.prerelease == rhs.prerelease
    }

    /// Hashes what `==` compares.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// Whether an identifier is numeric (digits only; canonical ones compare by length, then digits).
    private static func isNumeric(_ identifier: String) -> Bool { identifier.utf8.allSatisfy(isDigit) }

    /// What is wrong with dot-separated identifiers, if anything.
    private static func identifierProblem(_ identifiers: [String], numericMustBeCanonical: Bool) -> String? {
        for identifier in identifiers {
            guard !identifier.isEmpty else { return "has an empty identifier" }
            let allowed = identifier.utf8.allSatisfy { byte in
                isDigit(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D
            }
            guard allowed else { return "identifier '\(identifier)' may only use letters, digits and '-'" }
            if numericMustBeCanonical, identifier.utf8.allSatisfy(isDigit), identifier.count > 1, identifier.first == "0" {
                return "identifier '\(identifier)' has a leading zero"
            }
        }
        return nil
    }
}
