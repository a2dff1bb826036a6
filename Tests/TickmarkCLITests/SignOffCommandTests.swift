import Foundation
import Testing
import Tickmark
import TickmarkProbes
@testable import TickmarkCLI
@testable import TickmarkReport

@Suite struct SignOffCommandTests {
    static let checklist = """
    ---
    id: go-live
    ---
    # Go live

    - [ ] Tests pass `probe: run swift test`
    - [ ] Rollback plan reviewed @release-manager
    - [ ] Status page updated @comms
    - [ ] Status email sent @comms

    """

    static func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.write("checklists/go-live.md", checklist)
        try workspace.write(".tickmark/run.json", record: try workspace.runRecord(of: "checklists/go-live.md"))
        return workspace
    }

    @Test func signingOffUpdatesTheRecordInPlace() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let result = await workspace.run(["sign-off", ".tickmark/run.json", "rollback plan", "--by", "Ana Lima <ana@example.com>", "--role", "qa", "--note", "drill done"])
        #expect(result.code == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Signed off go-live › go-live/rollback-plan-reviewed (line 7) by Ana Lima <ana@example.com> as qa"))
        #expect(result.stdout.contains("note: signed off as qa; owners: @release-manager"))
        #expect(result.stdout.contains("go-live: NO-GO (2 blockers)"))
        let record = try workspace.record(".tickmark/run.json")
        #expect(record.signOffs.map(\.by) == ["Ana Lima <ana@example.com>"])
        #expect(record.signOffs.first?.note == "drill done")
        #expect(record.checklists[0].items.first { $0.id == "go-live/rollback-plan-reviewed" }?.status == .signedOff)

        let second = await workspace.run(["sign-off", ".tickmark/run.json", "go-live/status-page-updated", "--by", "Bo <bo@example.com>", "--role", "comms", "--reject"])
        #expect(second.code == 0)
        #expect(second.stdout.hasPrefix("Rejected go-live › go-live/status-page-updated"))
        let updated = try workspace.record(".tickmark/run.json")
        #expect(updated.signOffs.map(\.decision) == [.approve, .reject])
        #expect(updated.checklists[0].items.first { $0.id == "go-live/status-page-updated" }?.status == .rejected)
    }

    @Test func anEditedItemIsRefusedAsAStaleRecord() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        try workspace.write("checklists/go-live.md", Self.checklist.replacingOccurrences(of: "reviewed @release-manager", with: "reviewed @release-manager @sre"))
        let before = try workspace.read(".tickmark/run.json")
        let result = await workspace.run(["sign-off", ".tickmark/run.json", "rollback", "--by", "Ana <ana@example.com>"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("the record is stale: go-live/rollback-plan-reviewed (line 7 of"))
        #expect(try workspace.read(".tickmark/run.json") == before)
    }

    @Test func ambiguousTextListsCandidates() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let result = await workspace.run(["sign-off", ".tickmark/run.json", "status", "--by", "Ana <ana@example.com>"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("'status' matches 2 items; name one by its id:"))
        #expect(result.stderr.contains("  checklists/go-live.md:8: go-live/status-page-updated — Status page updated @comms"))
        #expect(result.stderr.contains("  checklists/go-live.md:9: go-live/status-email-sent — Status email sent @comms"))
    }

    @Test(arguments: [
        (["tests pass"], "is checked by probes (run)"),
        (["rollback", "--expires", "2001-01-01T00:00Z"], "--expires must be in the future"),
        (["rollback", "--expires", "next week"], "--expires must be an ISO 8601 time"),
        (["rollback", "--checklist", "staging"], "the record has no checklist 'staging'"),
        (["rollback", "--key", "id_ed25519"], "id_ed25519: error: cannot read file"),
    ])
    func refusalsExitWithTwo(arguments: [String], message: String) async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let result = await workspace.run(["sign-off", ".tickmark/run.json"] + arguments + ["--by", "Ana <ana@example.com>"])
        #expect(result.code == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try workspace.record(".tickmark/run.json").signOffs.isEmpty)
    }

    @Test func byMustBeNameAndEmail() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        let result = await workspace.run(["sign-off", ".tickmark/run.json", "rollback", "--by", "ana"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("--by must name a person as \"Name <email>\""))
    }

    @Test func aRecordChangedMeanwhileIsNotOverwritten() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        /// Signs, and meanwhile someone else rewrites the record (as a second sign-off would).
        struct InterruptingSigner: SignOffSigner {
            let record: String
            func sign(_ text: String, keyPath: String) throws -> SignOff.Signature {
                let other = try String(contentsOfFile: record, encoding: .utf8)
                try Data((other + " ").utf8).write(to: URL(fileURLWithPath: record))
                return SignOff.Signature(format: "sshsig", publicKey: "ssh-ed25519 AAAA", signature: "sig")
            }
        }
        let parsed = try TickmarkCommand.parseAsRoot(["sign-off", ".tickmark/run.json", "rollback", "--by", "Ana <ana@example.com>", "--key", "k"])
        let command = try #require(parsed as? SignOffCommand)
        let buffer = OutputBuffer()
        do {
            _ = try await command.execute(buffer.console(currentDirectory: workspace.folder), signer: InterruptingSigner(record: workspace.path(".tickmark/run.json")), now: Date())
            Issue.record("a record changed on disk was overwritten")
        } catch let error as TickmarkError {
            #expect(error.code == .conflict)
            #expect(error.message.contains("Run the command again"))
        }
        #expect(try workspace.record(".tickmark/run.json").signOffs.isEmpty)
    }

    @Test func anInjectedSignerSignsTheCanonicalText() async throws {
        let workspace = try Self.workspace()
        defer { workspace.remove() }
        struct Signer: SignOffSigner {
            func sign(_ text: String, keyPath: String) throws -> SignOff.Signature {
                SignOff.Signature(format: "sshsig", publicKey: "ssh-ed25519 AAAA ana", signature: "over \(text.split(separator: "\n").count) lines")
            }
        }
        let parsed = try TickmarkCommand.parseAsRoot(["sign-off", ".tickmark/run.json", "rollback", "--by", "Ana <ana@example.com>", "--key", "id_ed25519"])
        let command = try #require(parsed as? SignOffCommand)
        let buffer = OutputBuffer()
        let code = try await command.execute(buffer.console(currentDirectory: workspace.folder), signer: Signer(), now: Date())
        #expect(code == 0)
        #expect(buffer.stdout.contains("signed with id_ed25519"))
        #expect(try workspace.record(".tickmark/run.json").signOffs.first?.signature?.signature == "over 10 lines")
    }
}
