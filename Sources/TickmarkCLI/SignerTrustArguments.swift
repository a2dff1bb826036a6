import ArgumentParser
import Foundation
import Tickmark
import TickmarkReport
import TickmarkSigning

/// `--allowed-signers` and `--roster`: whose keys are whose, for signed sign-offs. Shared by
/// `sign-off`, `report` and `run`; `verify` reads the same files through `load`.
struct SignerTrustArguments: ParsableArguments {
    @Option(help: ArgumentHelp("An OpenSSH allowed_signers file: a signed sign-off counts only when its key is allowed as the signer's email (namespace tickmark-sign-off).", valueName: "file"))
    var allowedSigners: String?

    @Option(help: ArgumentHelp("The roster of people, their keys and roles (default: the checklist's front matter roster:, else .tickmark/roster.yml here or beside the checklist).", valueName: "file"))
    var roster: String?

    /// The roster and allowed signers, relative to the console's folder; `checklists` (path and
    /// front matter `roster:`) are where else a roster is looked for (`RosterLookup`).
    func trust(_ console: Console, checklists: [RosterLookup.Hint] = []) throws(TickmarkError) -> SignerTrust {
        guard !checklists.isEmpty else { return try Self.load(roster: roster, allowedSigners: allowedSigners, console: console) }
        if let inline = RosterLookup.inline(explicit: roster, checklists: checklists) {
            var signers: AllowedSigners?
            if let allowedSigners {
                let path = CommandPaths.absolute(expandHome(allowedSigners, console: console), base: console.currentDirectory)
                signers = try AllowedSigners(text: String(decoding: try ChecklistFile.readBytes(path), as: UTF8.self), path: allowedSigners)
            }
            return try SignerTrust(roster: inline.roster, path: inline.path, allowedSigners: signers, allowedSignersPath: allowedSigners)
        }
        let found = RosterLookup.find(explicit: roster.map { expandHome($0, console: console) }, checklists: checklists, console: console)
        return try SignerTrust.load(
            roster: found?.path, displayRoster: found?.display,
            allowedSigners: allowedSigners.map { CommandPaths.absolute(expandHome($0, console: console), base: console.currentDirectory) },
            displayAllowedSigners: allowedSigners
        )
    }

    /// The path of the default roster.
    static let defaultRoster = ".tickmark/roster.yml"

    /// Reads `roster` (or `.tickmark/roster.yml` when it exists) and `allowedSigners`.
    static func load(roster: String?, allowedSigners: String?, console: Console) throws(TickmarkError) -> SignerTrust {
        var rosterPath = roster
        if rosterPath == nil, FileManager.default.fileExists(atPath: CommandPaths.absolute(defaultRoster, base: console.currentDirectory)) {
            rosterPath = defaultRoster
        }
        return try SignerTrust.load(
            roster: rosterPath.map { CommandPaths.absolute(expandHome($0, console: console), base: console.currentDirectory) },
            displayRoster: rosterPath,
            allowedSigners: allowedSigners.map { CommandPaths.absolute(expandHome($0, console: console), base: console.currentDirectory) },
            displayAllowedSigners: allowedSigners
        )
    }
}

extension SignerTrustArguments {
    /// The sign-offs of the record at `recordPath` that `run` may count: every one but those whose
    /// signature is refused (bad, or not the signer's key), each of which is named on standard error.
    func countedSignOffs(_ signOffs: [SignOff], recordPath: String, console: Console) throws(TickmarkError) -> [SignOff] {
        guard signOffs.contains(where: { $0.signature != nil }) else { return signOffs }
        let trust = try trust(console)
        return signOffs.filter { signOff in
            let check = trust.check(signOff, now: Date())
            if !check.counts {
                console.errorLine("\(recordPath): warning: the sign-off by \(signOff.by) of \(signOff.checklist) › \(signOff.item) does not count: \(check.problem ?? "its signature is refused")")
            }
            return check.counts
        }
    }
}
