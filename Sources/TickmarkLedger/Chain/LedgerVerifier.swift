import Tickmark
import TickmarkSigning

/// Checks a ledger's chain: every entry's content against its hash, its number and the hash of the
/// entry before it, its signature, and the stored files it names. A changed entry, a removed one
/// and two entries that changed places are each named.
package enum LedgerVerifier {
    /// One problem found, naming the entry.
    package struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The entry's number as stored in its row (or, for a removed entry, the missing number).
        package var sequence: Int
        /// What is wrong, starting with `changed`, `removed`, `reordered` or `signature`.
        package var message: String

        package var description: String { "entry \(sequence): \(message)" }
    }

    /// What verification found.
    package struct Outcome: Sendable {
        /// Entries read.
        package var count: Int
        /// The SHA-256 of the last entry's content: an anchor to keep elsewhere (`--head`).
        package var head: String?
        /// Signed entries whose signature was checked.
        package var signed: Int
        package var problems: [Problem]
    }

    /// Verifies `entries` (ordered by stored number); stored files are read through `file`. With
    /// `expectedHead`, the chain must still contain an entry with that hash (a removed tail shows).
    package static func verify(
        _ entries: [StoredEntry], expectedHead: String? = nil, file: (String) throws(TickmarkError) -> [UInt8]?
    ) throws(TickmarkError) -> Outcome {
        var problems: [Problem] = []
        var signed = 0
        var previousHash = StoredEntry.genesis
        var expected = 1
        var checkedFiles: Set<String> = []
        var hashes: Set<String> = []
        for row in entries {
            let bytes = Array(row.body.utf8)
            let actual = Digest.sha256Hex(bytes)
            hashes.insert(actual)
            defer {
                previousHash = actual
                expected = row.sequence + 1
            }
            if row.sequence > expected {
                let missing = row.sequence - 1 == expected ? "entry \(expected) is" : "entries \(expected)-\(row.sequence - 1) are"
                problems.append(Problem(sequence: expected, message: "removed: \(missing) missing before entry \(row.sequence)"))
            } else if row.sequence < expected {
                problems.append(Problem(sequence: row.sequence, message: "reordered: its number repeats or goes back"))
            }
            guard let entry = LedgerEntry(body: row.body) else {
                problems.append(Problem(sequence: row.sequence, message: "changed: its content is no longer a ledger entry (hash \(actual.prefix(12))…, stored \(row.hash.prefix(12))…)"))
                continue
            }
            if entry.sequence != row.sequence {
                problems.append(Problem(sequence: row.sequence, message: "reordered: it holds the content of entry \(entry.sequence)"))
            } else if actual != row.hash {
                problems.append(Problem(sequence: row.sequence, message: "changed: its content no longer matches its stored hash"))
            } else if entry.previous != row.previous {
                problems.append(Problem(sequence: row.sequence, message: "changed: its stored link to the previous entry differs from its content"))
            } else if entry.previous != previousHash {
                let before = row.sequence - 1
                problems.append(Problem(
                    sequence: row.sequence,
                    message: "changed, or an entry before it removed or reordered: it was chained to a different entry \(before) than the one stored now"
                ))
            }
            if let signer = entry.signer {
                if let problem = signatureProblem(row.signature, body: bytes, signer: signer) {
                    problems.append(Problem(sequence: row.sequence, message: "signature: \(problem)"))
                } else {
                    signed += 1
                }
            } else if row.signature != nil {
                problems.append(Problem(sequence: row.sequence, message: "changed: it carries a signature its content does not announce"))
            }
            for reference in entry.files where !checkedFiles.contains(reference.sha256) {
                checkedFiles.insert(reference.sha256)
                guard let content = try file(reference.sha256) else {
                    problems.append(Problem(sequence: row.sequence, message: "removed: its stored \(reference.role) \(reference.name) is missing"))
                    continue
                }
                if Digest.sha256Hex(content) != reference.sha256 {
                    problems.append(Problem(sequence: row.sequence, message: "changed: its stored \(reference.role) \(reference.name) no longer matches its digest"))
                }
            }
        }
        if let expectedHead, !hashes.contains(expectedHead.lowercased()) {
            problems.append(Problem(
                sequence: (entries.last?.sequence ?? 0) + 1,
                message: "removed: no entry has the expected head hash \(expectedHead) (entries at the end were removed or changed)"
            ))
        }
        return Outcome(count: entries.count, head: entries.last.map { Digest.sha256Hex(Array($0.body.utf8)) }, signed: signed, problems: problems)
    }

    private static func signatureProblem(_ armored: String?, body: [UInt8], signer: String) -> String? {
        guard let armored else { return "the entry was signed by \(signer) but its signature is missing" }
        do {
            let signature = try SSHSignature(armored: Array(armored.utf8))
            guard signature.publicKey.fingerprint == signer else {
                return "signed by \(signature.publicKey.fingerprint), but the entry names \(signer)"
            }
            try signature.verify(message: body, namespace: LedgerEntry.signatureNamespace)
            return nil
        } catch {
            return error.message
        }
    }
}
