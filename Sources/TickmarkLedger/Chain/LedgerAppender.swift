import Foundation
import Tickmark
import TickmarkReport
import TickmarkSigning

/// Builds a release's entry from its run records and reports and appends it to a ledger.
package enum LedgerAppender {
    /// A file to store: its name in the audit pack, its role and its bytes.
    package struct Input: Sendable {
        package var role: String
        package var name: String
        package var bytes: [UInt8]

        /// Creates an input file.
        package init(role: String, name: String, bytes: [UInt8]) {
            self.role = role
            self.name = name
            self.bytes = bytes
        }
    }

    /// Reads `records` and `reports` (paths as given, read through `base`), and beside each the
    /// signatures `FILE.sig` and `FILE.intoto.json` when present.
    package static func inputs(records: [String], reports: [String], base: String) throws(TickmarkError) -> (files: [Input], records: [RunRecord]) {
        var files: [Input] = []
        var parsed: [RunRecord] = []
        var names: Set<String> = []
        func add(_ role: String, _ path: String, _ bytes: [UInt8]) {
            var name = (path as NSString).lastPathComponent
            var number = 2
            while names.contains(name) {
                name = "\(number)-\((path as NSString).lastPathComponent)"
                number += 1
            }
            names.insert(name)
            files.append(Input(role: role, name: name, bytes: bytes))
        }
        for (role, paths) in [("record", records), ("report", reports)] {
            for path in paths {
                let absolute = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
                let bytes = try ChecklistFile.readBytes(absolute)
                if role == "record" { parsed.append(try RunRecord.decode(bytes, path: path)) }
                add(role, path, bytes)
                for suffix in [".sig", ".intoto.json"] where FileManager.default.fileExists(atPath: absolute + suffix) {
                    add("signature", path + suffix, try ChecklistFile.readBytes(absolute + suffix))
                }
            }
        }
        return (files, parsed)
    }

    /// Appends the release of `records` with `files` to `store`, signed with `key` when given.
    package static func append(
        to store: any LedgerStore, records: [RunRecord], files: [Input], key: SigningKey?, addedBy: String, now: Date = Date()
    ) throws(TickmarkError) -> StoredEntry {
        let predicate = ReleasePredicate.make(records: records, now: now).content
        let release = LedgerEntry.Release(
            decision: predicate["decision"]?.stringValue ?? "NO-GO", version: predicate["version"]?.stringValue,
            commit: predicate["commit"]?.stringValue, releasedAt: records.map(\.finishedAt).max() ?? now,
            checklists: predicate["checklists"]?.arrayValue ?? [], approvers: predicate["approvers"]?.arrayValue ?? []
        )
        let references = files.map { file in
            LedgerEntry.FileReference(role: file.role, name: file.name, sha256: Digest.sha256Hex(file.bytes), size: file.bytes.count)
        }
        return try store.append(files: files.map(\.bytes)) { last throws(TickmarkError) -> StoredEntry in
            let entry = LedgerEntry(
                sequence: (last?.sequence ?? 0) + 1, previous: last.map { Digest.sha256Hex(Array($0.body.utf8)) } ?? StoredEntry.genesis,
                addedAt: now, addedBy: addedBy, release: release, files: references, signer: key?.publicKey.fingerprint
            )
            let body = entry.body
            let signature = try key.map { key throws(TickmarkError) in
                try SSHSignature.sign(Array(body.utf8), with: key, namespace: LedgerEntry.signatureNamespace).armored
            }
            return StoredEntry(
                sequence: entry.sequence, previous: entry.previous, hash: Digest.sha256Hex(Array(body.utf8)), body: body, signature: signature
            )
        }
    }
}
