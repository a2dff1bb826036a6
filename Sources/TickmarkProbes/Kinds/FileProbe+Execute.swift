import Foundation
import Tickmark

extension FileProbe {
    /// The most content kept in memory for `matches=` and `equals=` (`contains=` reads any size).
    static let contentLimit = 64 << 20

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
        let deadline = ContinuousClock.now + context.timeout
        let needle = configuration.contains.map { Array($0.utf8) }
        let files = context.files
        // A big file takes a while: read on a thread of its own, never one of the shared ones.
        let read = await DetachedThread.run { () -> Result<FileContent?, any Error> in
            Result { try files.readContent(path, limit: Self.contentLimit, deadline: deadline, needle: needle) }
        }
        let content: FileContent
        switch read {
        case .success(let found?): content = found
        case .success(nil): return ProbeResult(.fail, "\(name) does not exist", evidence: evidence)
        case .failure(let timeout as FileReadTimeout):
            return ProbeResult(.error, "timed out after \(ExecutionText.duration(context.timeout)) reading \(name) (\(timeout))", evidence: evidence)
        case .failure(let error):
            return ProbeResult(.error, "\(error)", evidence: evidence)
        }
        let bytes = content.bytes
        // Only matches= and equals= need the content as text; contains= searched the bytes.
        let text = configuration.matches != nil || configuration.equals != nil ? String(decoding: bytes, as: UTF8.self) : ""
        evidence.fields.append(EvidenceField("size", "\(content.size) bytes"))
        evidence.output = EvidenceText.head(bytes, limit: 1024)

        if let needle = configuration.contains {
            guard content.containsNeedle == true else {
                return ProbeResult(.fail, "\(name) does not contain \(ExecutionText.quoted(needle))", evidence: evidence)
            }
            passed.append("contains \(ExecutionText.quoted(needle))")
        }
        if let pattern = configuration.matches {
            guard content.complete else {
                return ProbeResult(.error, "\(name) is \(content.size) bytes; matches= reads at most \(Self.contentLimit >> 20) MiB (contains= reads any size)", evidence: evidence)
            }
            switch ExecutionText.matches(pattern, in: text) {
            case .failure(let invalid): return ProbeResult(.error, invalid.message, evidence: evidence)
            case .success(false): return ProbeResult(.fail, "\(name) does not match /\(pattern)/", evidence: evidence)
            case .success(true): passed.append("matches /\(pattern)/")
            }
        }
        if let expected = configuration.equals {
            guard content.complete, Configuration.contentEquals(text, expected) else {
                let trimmed = content.complete ? text.trimmingASCIIWhitespace() : text
                let found = !content.complete || trimmed.count > 80 || trimmed.contains("\n")
                    ? "\(content.size) bytes starting \(ExecutionText.quoted(EvidenceText.firstLine(text, limit: 40)))"
                    : ExecutionText.quoted(trimmed)
                return ProbeResult(.fail, "\(name) holds \(found), expected \(ExecutionText.quoted(expected))", evidence: evidence)
            }
            passed.append("equals \(ExecutionText.quoted(expected))")
        }
        return ProbeResult(.pass, passed.joined(separator: " and "), evidence: evidence)
    }
}
