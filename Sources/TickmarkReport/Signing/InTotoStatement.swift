#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tickmark
import TickmarkSigning

/// An in-toto Statement v1: which files (subjects, by digest) a predicate speaks about.
package struct InTotoStatement: Equatable, Sendable {
    /// The statement's `_type`.
    package static let type = "https://in-toto.io/Statement/v1"
    /// The DSSE payload type of a statement.
    package static let payloadType = "application/vnd.in-toto+json"

    /// A file the statement is about.
    package struct Subject: Equatable, Sendable {
        /// The file's name, relative to the folder of the envelope.
        package var name: String
        /// Digests by algorithm name (`sha256`, `sha512`, …), as lowercase hex.
        package var digest: [String: String]

        /// Creates a subject.
        package init(name: String, digest: [String: String]) {
            self.name = name
            self.digest = digest
        }

        /// A subject for `bytes` named `name`, with their SHA-256.
        package init(name: String, bytes: [UInt8]) {
            self.init(name: name, digest: ["sha256": Digest.sha256Hex(bytes)])
        }
    }

    /// The files, at least one.
    package var subjects: [Subject]
    /// The predicate's type URI.
    package var predicateType: String
    /// The predicate, any JSON value chosen by the caller.
    package var predicate: JSONValue

    /// Creates a statement.
    package init(subjects: [Subject], predicateType: String, predicate: JSONValue) {
        self.subjects = subjects
        self.predicateType = predicateType
        self.predicate = predicate
    }

    /// The statement as a JSON value: `_type`, `subject`, `predicateType`, `predicate`, with
    /// each subject's digests sorted by algorithm name.
    package var json: JSONValue {
        let subjectValues: [JSONValue] = subjects.map { subject in
            let digests = subject.digest.sorted { $0.key < $1.key }.map { JSONValue.Member($0.key, .string($0.value)) }
            return .object(["name": .string(subject.name), "digest": .object(digests)])
        }
        return .object([
            "_type": .string(Self.type),
            "subject": .array(subjectValues),
            "predicateType": .string(predicateType),
            "predicate": predicate,
        ])
    }

    /// Reads a statement; unknown fields are ignored, as the specification asks.
    package init(json value: JSONValue) throws(VerificationFailure) {
        func malformed(_ reason: String) -> VerificationFailure {
            VerificationFailure(.malformed, "malformed in-toto statement: \(reason)")
        }
        guard value["_type"]?.stringValue == Self.type else { throw malformed("_type is not \(Self.type)") }
        guard let list = value["subject"]?.arrayValue, !list.isEmpty else { throw malformed("subject is not a non-empty array") }
        var subjects: [Subject] = []
        for (index, item) in list.enumerated() {
            guard let members = item["digest"]?.objectMembers, !members.isEmpty else {
                throw malformed("subject \(index + 1) has no digest")
            }
            var digest: [String: String] = [:]
            for member in members {
                guard let hex = member.value.stringValue, !hex.isEmpty, hex.utf8.allSatisfy({ Self.isLowerHex($0) }) else {
                    throw malformed("the \(member.key) digest of subject \(index + 1) is not lowercase hex")
                }
                digest[member.key] = hex
            }
            let name = item["name"]
            guard name == nil || name?.stringValue != nil else { throw malformed("the name of subject \(index + 1) is not a string") }
            subjects.append(Subject(name: name?.stringValue ?? "", digest: digest))
        }
        guard let predicateType = value["predicateType"]?.stringValue, !predicateType.isEmpty else {
            throw malformed("predicateType is missing")
        }
        self.init(subjects: subjects, predicateType: predicateType, predicate: value["predicate"] ?? .null)
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// Re-checks every subject against the file of that name in `folder`: it must exist, stay
    /// inside the folder, and have every SHA-256/SHA-512 digest listed. Throws the first mismatch.
    package func checkSubjects(in folder: String) throws(VerificationFailure) {
        for (index, subject) in subjects.enumerated() {
            let path = try Self.resolve(subject.name, index: index, in: folder)
            let known = subject.digest.filter { $0.key == "sha256" || $0.key == "sha512" }
            guard !known.isEmpty else {
                throw VerificationFailure(.unsupported, "subject '\(subject.name)' has no sha256 or sha512 digest to check")
            }
            guard let bytes = try? SigningFiles.read(path) else {
                throw VerificationFailure(.subjectMismatch, "subject '\(subject.name)' is missing or unreadable")
            }
            for (algorithm, expected) in known.sorted(by: { $0.key < $1.key }) {
                let actual = algorithm == "sha256" ? Digest.sha256Hex(bytes) : Digest.hex(Digest.sha512(bytes))
                guard actual == expected else {
                    throw VerificationFailure(.subjectMismatch, "subject '\(subject.name)' changed: its \(algorithm) is \(actual), the statement says \(expected)")
                }
            }
        }
    }

    /// The path of subject `name` in `folder`; names must be relative and may not climb out.
    static func resolve(_ name: String, index: Int, in folder: String) throws(VerificationFailure) -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.isEmpty, !name.hasPrefix("/"), !parts.contains(".."), !parts.contains("") else {
            throw VerificationFailure(.subjectMismatch, "subject \(index + 1) has no usable name ('\(name)'): names must be relative paths inside the envelope's folder")
        }
        return folder == "/" ? "/" + name : folder + "/" + name
    }

    /// Whether some subject names the same file as `path` (same device and inode).
    package func names(file path: String, in folder: String) -> Bool {
        var target = stat()
        guard stat(path, &target) == 0 else { return false }
        return subjects.enumerated().contains { index, subject in
            guard let candidate = try? Self.resolve(subject.name, index: index, in: folder) else { return false }
            var info = stat()
            return stat(candidate, &info) == 0 && info.st_dev == target.st_dev && info.st_ino == target.st_ino
        }
    }
}
