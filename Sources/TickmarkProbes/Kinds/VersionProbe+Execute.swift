import Tickmark

extension VersionProbe {
    /// Checks the version value, or compares it with the one kept in a file. A missing version
    /// file fails the probe; one that cannot be read is an error.
    package static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        var evidence = ProbeEvidence(action: configuration.summary)
        switch configuration.check {
        case .semver(let value):
            switch SemanticVersion.parse(value) {
            case .success: return ProbeResult(.pass, "\(value) is a semantic version", evidence: evidence)
            case .failure(let problem): return ProbeResult(.fail, problem.message, evidence: evidence)
            }
        case .stable(let value):
            switch SemanticVersion.parse(value) {
            case .failure(let problem):
                return ProbeResult(.fail, problem.message, evidence: evidence)
            case .success(let version) where version.isPrerelease:
                return ProbeResult(.fail, "\(value) is a pre-release (-\(version.prerelease.joined(separator: ".")))", evidence: evidence)
            case .success:
                return ProbeResult(.pass, "\(value) is a stable version", evidence: evidence)
            }
        case .fileEquals(let path, let value):
            do {
                let found = try versionFile(path, context, &evidence)
                return found == value
                    ? ProbeResult(.pass, "\(path) holds \(value)", evidence: evidence)
                    : ProbeResult(.fail, "\(path) holds \(ExecutionText.quoted(found, limit: 40)), expected \(value)", evidence: evidence)
            } catch {
                return error.result
            }
        case .tagMatchesFile(let tag, let path):
            guard !tag.isEmpty else {
                return ProbeResult(.fail, "no tag to compare with \(path) (is HEAD tagged?)", evidence: evidence)
            }
            do {
                let found = try versionFile(path, context, &evidence)
                guard withoutPrefix(tag) == withoutPrefix(found) else {
                    return ProbeResult(.fail, "tag \(tag) does not match \(path), which holds \(ExecutionText.quoted(found, limit: 40))", evidence: evidence)
                }
                return ProbeResult(.pass, "tag \(tag) matches \(path) (\(found))", evidence: evidence)
            } catch {
                return error.result
            }
        }
    }

    /// The file's content without surrounding whitespace.
    private static func versionFile(_ path: String, _ context: ProbeContext, _ evidence: inout ProbeEvidence) throws(EarlyResult) -> String {
        let bytes: [UInt8]
        do {
            guard let read = try context.files.read(context.resolve(path)) else {
                throw EarlyResult(result: ProbeResult(.fail, "\(path) does not exist", evidence: evidence))
            }
            bytes = read
        } catch let early as EarlyResult {
            throw early
        } catch {
            throw EarlyResult(result: ProbeResult(.error, "\(error)", evidence: evidence))
        }
        let content = String(decoding: bytes, as: UTF8.self).trimmingASCIIWhitespace()
        evidence.fields.append(EvidenceField(path, ExecutionText.quoted(content, limit: 80)))
        return content
    }

    /// The version without one leading `v` or `V`.
    private static func withoutPrefix(_ text: String) -> Substring {
        text.first == "v" || text.first == "V" ? text.dropFirst() : Substring(text)
    }
}
