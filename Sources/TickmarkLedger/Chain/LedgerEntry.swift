import Foundation
import Tickmark
import TickmarkReport

/// The content of one ledger entry (`tickmark.ledger/v1`): its place in the chain, the release it
/// records, and the files stored with it. Written once as compact JSON with members in a fixed
/// order; those exact bytes are what the chain hashes and a signature signs.
package struct LedgerEntry: Sendable, Equatable {
    /// The schema identifier.
    package static let schemaID = "tickmark.ledger/v1"
    /// The SSHSIG namespace of entry signatures.
    package static let signatureNamespace = "tickmark-ledger"

    package var sequence: Int
    /// SHA-256 (hex) of the previous entry's content.
    package var previous: String
    package var addedAt: Date
    /// Where the entry was added: host and user (or CI job).
    package var addedBy: String
    /// The release: decision, version, commit, releasedAt, checklists and approvers.
    package var release: Release
    /// Records, reports and signatures stored with the entry, by SHA-256.
    package var files: [FileReference]
    /// The fingerprint of the key that signed the entry, when signed.
    package var signer: String?

    /// What the entry says about the release.
    package struct Release: Sendable, Equatable {
        package var decision: String
        package var version: String?
        package var commit: String?
        /// When the release's last record finished: the deployment date auditors sample.
        package var releasedAt: Date
        /// Per checklist: id, path, sha256, decision (from the release predicate).
        package var checklists: [JSONValue]
        /// Per sign-off: by, role, checklist, item, decision, at, validity, signed.
        package var approvers: [JSONValue]
    }

    /// One file stored with the entry.
    package struct FileReference: Sendable, Equatable {
        /// `record`, `report` or `signature`.
        package var role: String
        /// The file's name in the audit pack.
        package var name: String
        package var sha256: String
        package var size: Int
    }

    /// The canonical content.
    package var json: JSONValue {
        var members: [JSONValue.Member] = [
            .init("schema", .string(Self.schemaID)),
            .init("sequence", .integer(sequence)),
            .init("previous", .string(previous)),
            .init("addedAt", .string(RunRecord.timestamp(addedAt))),
            .init("addedBy", .string(addedBy)),
            .init("release", .object([
                .init("decision", .string(release.decision)),
                .init("version", release.version.map(JSONValue.string) ?? .null),
                .init("commit", release.commit.map(JSONValue.string) ?? .null),
                .init("releasedAt", .string(RunRecord.timestamp(release.releasedAt))),
                .init("checklists", .array(release.checklists)),
                .init("approvers", .array(release.approvers)),
            ])),
            .init("files", .array(files.map { file in
                .object([
                    .init("role", .string(file.role)), .init("name", .string(file.name)),
                    .init("sha256", .string(file.sha256)), .init("size", .integer(file.size)),
                ])
            })),
        ]
        if let signer { members.append(.init("signer", .string(signer))) }
        return .object(members)
    }

    /// The bytes stored and hashed.
    package var body: String { json.text() }

    /// Reads an entry's stored content; nil when it is not a ledger entry.
    package init?(body: String) {
        guard let value = try? JSONParser.parse(body), value["schema"]?.stringValue == Self.schemaID,
              let sequence = value["sequence"]?.intValue, let previous = value["previous"]?.stringValue,
              let addedText = value["addedAt"]?.stringValue, let addedAt = RunRecord.readTimestamp(addedText),
              let release = value["release"], let decision = release["decision"]?.stringValue,
              let releasedText = release["releasedAt"]?.stringValue, let releasedAt = RunRecord.readTimestamp(releasedText),
              let files = value["files"]?.arrayValue
        else { return nil }
        var references: [FileReference] = []
        for file in files {
            guard let role = file["role"]?.stringValue, let name = file["name"]?.stringValue, let sha256 = file["sha256"]?.stringValue,
                  let size = file["size"]?.intValue
            else { return nil }
            references.append(FileReference(role: role, name: name, sha256: sha256, size: size))
        }
        self.init(
            sequence: sequence, previous: previous, addedAt: addedAt, addedBy: value["addedBy"]?.stringValue ?? "",
            release: Release(
                decision: decision, version: release["version"]?.stringValue, commit: release["commit"]?.stringValue, releasedAt: releasedAt,
                checklists: release["checklists"]?.arrayValue ?? [], approvers: release["approvers"]?.arrayValue ?? []
            ),
            files: references, signer: value["signer"]?.stringValue
        )
    }

    /// Creates an entry.
    package init(sequence: Int, previous: String, addedAt: Date, addedBy: String, release: Release, files: [FileReference], signer: String?) {
        self.sequence = sequence
        self.previous = previous
        self.addedAt = addedAt
        self.addedBy = addedBy
        self.release = release
        self.files = files
        self.signer = signer
    }

    /// A short name for messages: `entry 12 (1.4.0, NO-GO, released 2026-12-01T10:00:00Z)`.
    package var label: String {
        "entry \(sequence) (\(release.version ?? "no version"), \(release.decision), released \(RunRecord.timestamp(release.releasedAt)))"
    }
}
