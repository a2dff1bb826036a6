import Foundation
import Tickmark

extension FileProbe {
    /// Checks the path's presence, then its content and age. A missing file fails the probe;
    /// one that exists but cannot be read is an error.
    package static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        let path = context.resolve(configuration.path)
        let name = configuration.path
        var evidence = ProbeEvidence(action: configuration.summary)
        let exists = context.files.exists(path)
        evidence.fields.append(EvidenceField("exists", exists ? "yes" : "no"))
        if configuration.presence == .absent {
            return exists
                ? ProbeResult(.fail, "\(name) exists; it must be absent", evidence: evidence)
                : ProbeResult(.pass, "\(name) is absent", evidence: evidence)
        }
        guard exists else { return ProbeResult(.fail, "\(name) does not exist", evidence: evidence) }
        var passed = ["\(name) exists"]

        if let maximumAge = configuration.maximumAge {
            guard let modified = context.files.modificationDate(path) else {
                return ProbeResult(.error, "cannot read the modification time of \(name)", evidence: evidence)
            }
            let age = context.now().timeIntervalSince(modified)
            evidence.fields.append(EvidenceField("modified", ExecutionText.timestamp(modified)))
            guard age <= maximumAge.seconds else {
                return ProbeResult(.fail, "\(name) was modified \(ExecutionText.age(age)) ago, more than \(ExecutionText.duration(maximumAge))", evidence: evidence)
            }
            passed.append("was modified \(ExecutionText.age(age)) ago")
        }

        guard configuration.contains != nil || configuration.matches != nil || configuration.equals != nil else {
            return ProbeResult(.pass, passed.joined(separator: " and "), evidence: evidence)
        }
        let bytes: [UInt8]
        do {
            guard let read = try context.files.read(path) else { return ProbeResult(.fail, "\(name) does not exist", evidence: evidence) }
            bytes = read
        } catch {
            return ProbeResult(.error, "\(error)", evidence: evidence)
        }
        let content = String(decoding: bytes, as: UTF8.self)
        evidence.fields.append(EvidenceField("size", "\(bytes.count) bytes"))
        evidence.output = EvidenceText.head(bytes, limit: 1024)

        if let text = configuration.contains {
            guard content.contains(text) else {
                return ProbeResult(.fail, "\(name) does not contain \(ExecutionText.quoted(text))", evidence: evidence)
            }
            passed.append("contains \(ExecutionText.quoted(text))")
        }
        if let pattern = configuration.matches {
            switch ExecutionText.matches(pattern, in: content) {
            case .failure(let invalid): return ProbeResult(.error, invalid.message, evidence: evidence)
            case .success(false): return ProbeResult(.fail, "\(name) does not match /\(pattern)/", evidence: evidence)
            case .success(true): passed.append("matches /\(pattern)/")
            }
        }
        if let expected = configuration.equals {
            guard Configuration.contentEquals(content, expected) else {
                let trimmed = content.trimmingASCIIWhitespace()
                let found = trimmed.count > 80 || trimmed.contains("\n")
                    ? "\(bytes.count) bytes starting \(ExecutionText.quoted(EvidenceText.firstLine(content, limit: 40)))"
                    : ExecutionText.quoted(trimmed)
                return ProbeResult(.fail, "\(name) holds \(found), expected \(ExecutionText.quoted(expected))", evidence: evidence)
            }
            passed.append("equals \(ExecutionText.quoted(expected))")
        }
        return ProbeResult(.pass, passed.joined(separator: " and "), evidence: evidence)
    }
}
