import Foundation
import Tickmark
import TickmarkReport

/// `ledger export`: the audit pack of the releases in a period. For each release a folder with its
/// entry (the exact bytes the chain hashes, and its signature), its approvers, and the records,
/// reports and signatures stored with it; `ledger.json` with the chain of the exported entries;
/// `index.html`, a page an auditor opens offline; and `SHA256SUMS`, the digest of every other
/// file, in the format `sha256sum -c` checks.
package enum AuditPack {
    /// What was written.
    package struct Summary: Sendable {
        package var releases: Int
        package var files: Int
        package var chain: LedgerVerifier.Outcome
    }

    /// Writes the pack of the entries released in `period` into `folder`, which must not exist or be empty.
    package static func export(
        from store: any LedgerStore, period: ClosedRange<Date>, periodText: String, to folder: String, now: Date = Date()
    ) throws(TickmarkError) -> Summary {
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: folder), !existing.isEmpty {
            throw TickmarkError(.usage, "the audit pack's folder is not empty: name a new folder with -o", path: folder)
        }
        let rows = try store.entries()
        let chain = try LedgerVerifier.verify(rows) { digest throws(TickmarkError) in try store.file(digest) }
        var written: [(path: String, bytes: [UInt8])] = []
        var releases: [AuditPackPage.Release] = []
        var exported: [JSONValue] = []
        for row in rows {
            guard let entry = LedgerEntry(body: row.body), period.contains(entry.release.releasedAt) else { continue }
            let folderName = String(format: "%05d", row.sequence) + "-" + safeName(entry.release.version ?? "release")
            let base = "releases/\(folderName)"
            written.append(("\(base)/entry.json", Array(row.body.utf8)))
            if let signature = row.signature { written.append(("\(base)/entry.json.sig", Array(signature.utf8))) }
            written.append(("\(base)/approvers.json", JSONValue.array(entry.release.approvers).serialized(pretty: true) + [0x0A]))
            var files: [AuditPackPage.File] = []
            for reference in entry.files {
                let subfolder = reference.role == "record" ? "records" : reference.role == "report" ? "reports" : "signatures"
                let path = "\(base)/\(subfolder)/\(safeName(reference.name))"
                let content = try store.file(reference.sha256)
                if let content { written.append((path, content)) }
                files.append(AuditPackPage.File(reference: reference, path: content == nil ? nil : path))
            }
            releases.append(AuditPackPage.Release(entry: entry, hash: row.hash, signed: row.signature != nil, folder: base, files: files))
            exported.append(.object([
                .init("sequence", .integer(row.sequence)), .init("hash", .string(row.hash)), .init("previous", .string(row.previous)),
                .init("folder", .string(base)), .init("signed", .bool(row.signature != nil)),
            ]))
        }
        let ledgerJSON: JSONValue = .object([
            .init("schema", .string("tickmark.audit-pack/v1")),
            .init("ledger", .string(store.description)),
            .init("period", .string(periodText)),
            .init("exportedAt", .string(RunRecord.timestamp(now))),
            .init("chain", .object([
                .init("entries", .integer(chain.count)), .init("head", chain.head.map(JSONValue.string) ?? .null),
                .init("intact", .bool(chain.problems.isEmpty)), .init("problems", .array(chain.problems.map { .string($0.description) })),
            ])),
            .init("releases", .array(exported)),
        ])
        written.append(("ledger.json", ledgerJSON.serialized(pretty: true) + [0x0A]))
        let page = AuditPackPage(
            ledger: store.description, period: periodText, exportedAt: now, chain: chain, releases: releases
        )
        written.append(("index.html", Array(page.html.utf8)))
        var manifest = ""
        for file in written.sorted(by: { $0.path < $1.path }) {
            manifest += "\(Digest.sha256Hex(file.bytes))  \(file.path)\n"
        }
        written.append(("SHA256SUMS", Array(manifest.utf8)))
        for file in written {
            let path = (folder as NSString).appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch {
                throw TickmarkError(.cannotWrite, "cannot create a folder of the audit pack: \(error.localizedDescription)", path: path)
            }
            try AtomicFile.replace(path: path, expected: nil, with: file.bytes)
        }
        return Summary(releases: releases.count, files: written.count, chain: chain)
    }

    /// A file name without path separators or characters a file system may refuse.
    static func safeName(_ name: String) -> String {
        let kept = name.unicodeScalars.map { scalar -> Character in
            (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-+".unicodeScalars.contains(scalar))) ? Character(scalar) : "_"
        }
        let text = String(kept)
        return text.isEmpty || text.allSatisfy({ $0 == "." }) ? "_" : text
    }
}
