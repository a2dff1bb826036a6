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

    /// The record with `request`'s sign-off appended and decisions recomputed as of `now`; the
    /// request names one item.
    ///
    /// - Parameters:
    ///   - recordPath: the record's path, named in errors.
    ///   - currentSource: reads the checklist file the item belongs to, as it is on disk now.
    ///   - signer: signs the sign-off when `request.keyPath` is set.
    ///   - trust: whose keys are whose; a signature by a key that is not the signer's is refused.
    package static func record(
        _ request: SignOffRequest, in record: RunRecord, recordPath: String, now: Date,
        signer: any SignOffSigner = UnavailableSignOffSigner(), trust: SignerTrust = .none, currentSource: SourceReader
    ) throws(TickmarkError) -> SignOffOutcome {
        let outcomes = try recordAll(request, in: record, recordPath: recordPath, now: now, signer: signer, trust: trust, currentSource: currentSource)
        return outcomes[0]
    }

    /// The record with one sign-off per selected item appended, decisions recomputed once as of
    /// `now`: every item is found and checked first, and any problem refuses the whole request.
    /// The outcomes are in record order and share the updated record.
    package static func recordAll(
        _ request: SignOffRequest, in record: RunRecord, recordPath: String, now: Date,
        signer: any SignOffSigner = UnavailableSignOffSigner(), trust: SignerTrust = .none, currentSource: SourceReader
    ) throws(TickmarkError) -> [SignOffOutcome] {
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
        let matches = try SignOffSelection.matches(request, in: record, recordPath: recordPath, now: now, trust: trust)
        var problems: [TickmarkError] = []
        var current = CurrentItems()
        for match in matches {
            do {
                try requireSignable(match, in: record, recordPath: recordPath, currentSource: currentSource, current: &current)
            } catch {
                problems.append(error)
            }
        }
        try SignOffSelection.refuse(problems, of: matches.count)

        var signOffs: [(SignOff, SignerCheck)] = []
        for match in matches {
            var signOff = SignOff(
                checklist: match.checklistID, item: match.item.id, itemDigest: match.item.digest, by: request.by.trimmingCharacters(in: .whitespaces),
                role: request.role, at: now, note: request.note, decision: request.decision, expires: request.expires
            )
            var check = SignerCheck(standing: .unsigned)
            if let keyPath = request.keyPath {
                do {
                    signOff.signature = try signer.sign(signOff.canonicalText, keyPath: keyPath)
                } catch let error as TickmarkError {
                    throw error
                } catch {
                    throw TickmarkError(.invalidInput, "cannot sign the sign-off: \(error)", path: keyPath)
                }
                check = trust.check(signOff, now: now)
                if trust.knowsSigners, !check.counts {
                    throw TickmarkError(
                        .invalidInput,
                        "\(signOff.by) cannot sign off with this key: it is \(check.refusal?.keyDescription ?? check.problem ?? "refused"); sign with your own key; nothing was signed off",
                        path: keyPath
                    )
                }
            }
            signOffs.append((signOff, check))
        }
        var updated = record
        updated.signOffs += signOffs.map(\.0)
        updated = updated.recomputed(at: now, trust: trust)
        return zip(matches, signOffs).map { match, signed in
            let checklist = updated.checklists[match.checklistIndex]
            return SignOffOutcome(
                record: updated, signOff: signed.0, match: match, item: checklist.items[match.itemIndex],
                checklistDecision: checklist.decision, notes: ownerNotes(request, item: match.item), signer: signed.1
            )
        }
    }

    /// Throws unless `match` is a manual item, applicable, and unchanged in its file.
    private static func requireSignable(
        _ match: ItemLookup.Match, in record: RunRecord, recordPath: String, currentSource: SourceReader, current: inout CurrentItems
    ) throws(TickmarkError) {
        let item = match.item
        guard item.state != .na else {
            throw TickmarkError(.usage, "\(item.id) (line \(item.line)) is marked not applicable; it needs no sign-off", path: match.path)
        }
        guard item.isManual else {
            let kinds = item.probes.map(\.kind).joined(separator: ", ")
            throw TickmarkError(.usage, "\(item.id) (line \(item.line)) is checked by probes (\(kinds)), so its result comes from `tickmark run`; only manual items, those without probes, are signed off", path: match.path)
        }
        try requireUnchanged(match, in: record, recordPath: recordPath, currentSource: currentSource, current: &current)
    }

    /// The items of each checklist file as it is on disk now, by checklist index and item id:
    /// each file is read and parsed once, however many of its items are signed off.
    struct CurrentItems {
        var byChecklist: [Int: [String: ChecklistItem]] = [:]
    }

    /// Throws unless the item in the checklist file on disk has the content the record saw.
    private static func requireUnchanged(
        _ match: ItemLookup.Match, in record: RunRecord, recordPath: String, currentSource: SourceReader, current items: inout CurrentItems
    ) throws(TickmarkError) {
        let recorded = record.checklists[match.checklistIndex]
        let path = recorded.path
        if items.byChecklist[match.checklistIndex] == nil {
            let bytes = try currentSource(recorded).bytes
            let all = ChecklistParser.parse(bytes, path: path).allItems
            items.byChecklist[match.checklistIndex] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let current = items.byChecklist[match.checklistIndex]?[match.item.id]
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
