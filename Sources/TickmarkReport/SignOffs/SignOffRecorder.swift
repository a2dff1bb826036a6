import Foundation
import Tickmark

/// Records a person's approval or rejection of a manual item in a run record.
///
/// The sign-off is bound to the item's content as it is now in the checklist file, which must be
/// what the run saw: if the item changed since, the record is stale and nothing is signed, so no
/// one approves a text they have not seen.
package enum SignOffRecorder {
    /// The current bytes of a recorded checklist file, and the path they were read from.
    package typealias SourceReader = (RunRecord.ChecklistRecord) throws(TickmarkError) -> (path: String, bytes: [UInt8])

    /// The record with `request`'s sign-off appended and decisions recomputed as of `now`.
    ///
    /// - Parameters:
    ///   - recordPath: the record's path, named in errors.
    ///   - currentSource: reads the checklist file the item belongs to, as it is on disk now.
    ///   - signer: signs the sign-off when `request.keyPath` is set.
    package static func record(
        _ request: SignOffRequest, in record: RunRecord, recordPath: String, now: Date,
        signer: any SignOffSigner = UnavailableSignOffSigner(), currentSource: SourceReader
    ) throws(TickmarkError) -> SignOffOutcome {
        guard SignOffRequest.isSigner(request.by) else {
            throw TickmarkError(.usage, "--by must name a person as \"Name <email>\", such as \"Ana Lima <ana@example.com>\", not '\(request.by)'")
        }
        let now = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        if let expires = request.expires, expires <= now {
            throw TickmarkError(.usage, "--expires must be in the future; \(RunRecord.timestamp(expires)) has passed")
        }
        if let checklist = request.checklist, !record.checklists.contains(where: { $0.id == checklist }) {
            let known = record.checklists.map(\.id).joined(separator: ", ")
            throw TickmarkError(.usage, "the record has no checklist '\(checklist)'; it has: \(known)", path: recordPath)
        }
        let match = try find(request, in: record, recordPath: recordPath)
        let item = match.item
        guard item.state != .na else {
            throw TickmarkError(.usage, "\(item.id) (line \(item.line)) is marked not applicable; it needs no sign-off", path: match.path)
        }
        guard item.isManual else {
            let kinds = item.probes.map(\.kind).joined(separator: ", ")
            throw TickmarkError(.usage, "\(item.id) (line \(item.line)) is checked by probes (\(kinds)), so its result comes from `tickmark run`; only manual items, those without probes, are signed off", path: match.path)
        }
        try requireUnchanged(match, in: record, recordPath: recordPath, currentSource: currentSource)

        var signOff = SignOff(
            checklist: match.checklistID, item: item.id, itemDigest: item.digest, by: request.by.trimmingCharacters(in: .whitespaces),
            role: request.role, at: now, note: request.note, decision: request.decision, expires: request.expires
        )
        if let keyPath = request.keyPath {
            do {
                signOff.signature = try signer.sign(signOff.canonicalText, keyPath: keyPath)
            } catch let error as TickmarkError {
                throw error
            } catch {
                throw TickmarkError(.invalidInput, "cannot sign the sign-off: \(error)", path: keyPath)
            }
        }
        var updated = record
        updated.signOffs.append(signOff)
        updated = updated.recomputed(at: now)
        let checklist = updated.checklists[match.checklistIndex]
        return SignOffOutcome(
            record: updated, signOff: signOff, match: match, item: checklist.items[match.itemIndex],
            checklistDecision: checklist.decision, notes: ownerNotes(request, item: item)
        )
    }

    private static func find(_ request: SignOffRequest, in record: RunRecord, recordPath: String) throws(TickmarkError) -> ItemLookup.Match {
        switch ItemLookup(record: record).find(request.item, checklist: request.checklist) {
        case .found(let match):
            return match
        case .none:
            throw TickmarkError(.usage, "no item of the record has the id '\(request.item)' or a text containing it; `tickmark show` lists the ids", path: recordPath)
        case .ambiguous(let candidates):
            let lines = candidates.map { "  \($0)" }.joined(separator: "\n")
            let hint = Set(candidates.map(\.checklistID)).count > 1 ? "name one by its id, or add --checklist" : "name one by its id"
            throw TickmarkError(.usage, "'\(request.item)' matches \(candidates.count) items; \(hint):\n\(lines)", path: recordPath)
        }
    }

    /// Throws unless the item in the checklist file on disk has the content the record saw.
    private static func requireUnchanged(
        _ match: ItemLookup.Match, in record: RunRecord, recordPath: String, currentSource: SourceReader
    ) throws(TickmarkError) {
        let recorded = record.checklists[match.checklistIndex]
        let bytes = try currentSource(recorded).bytes
        let path = recorded.path
        let current = ChecklistParser.parse(bytes, path: path).allItems.first { $0.id == match.item.id }
        let rerun = "run the checklist again (tickmark run \(recorded.path) --record \(recordPath)) and sign off the new result"
        guard let current else {
            throw TickmarkError(.invalidInput, "the record is stale: \(match.item.id) is no longer in \(path); \(rerun)", path: recordPath)
        }
        guard current.contentDigest == match.item.digest else {
            throw TickmarkError(
                .invalidInput,
                "the record is stale: \(match.item.id) (line \(current.position.line) of \(path)) was edited after the run, so its recorded result is not what you would approve; \(rerun)",
                path: recordPath
            )
        }
    }

    /// A note when the item has owners and the role signed in is not one of them.
    static func ownerNotes(_ request: SignOffRequest, item: RunRecord.ItemRecord) -> [String] {
        guard !item.owners.isEmpty else { return [] }
        let owners = item.owners.joined(separator: " ")
        let verb = request.decision == .approve ? "signed off" : "rejected"
        guard let role = request.role else { return ["\(verb) without a role; owners: \(owners)"] }
        if item.owners.map(SignOffRequest.handle).contains(SignOffRequest.handle(role)) { return [] }
        return ["\(verb) as \(role); owners: \(owners)"]
    }
}
