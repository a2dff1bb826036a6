import Foundation
import Testing
@testable import TickmarkCLI
import Tickmark
import TickmarkProbes
import TickmarkTestSupport

@Suite struct InitCommandTests {
    static let shipped = ["hotfix", "post-release", "pre-merge", "production-readiness", "rollback", "staging"]

    @Test func embeddedChecklistsAreTheFilesInTheRepository() throws {
        #expect(InitCommand.templateNames == Self.shipped)
        for name in Self.shipped {
            let onDisk = try #require(FileManager.default.contents(atPath: "\(repositoryRoot)/checklists/\(name).md"))
            #expect(InitCommand.bytes(of: name) == Array(onDisk), "run scripts/embed-resources.py")
        }
    }

    @Test(arguments: shipped)
    func shippedChecklistsParseAndLintClean(name: String) throws {
        let checklist = try ChecklistFile.load("\(repositoryRoot)/checklists/\(name).md")
        let problems = checklist.diagnostics + ProbeRegistry.validate(checklist)
        #expect(problems.isEmpty, "\(problems.map { "\($0.position?.line ?? 0): \($0.message)" })")
        #expect(checklist.allItems.count >= 10)
        #expect(checklist.allItems.contains { !$0.probes.isEmpty })
        #expect(checklist.allItems.contains { $0.isManual && !$0.owners.isEmpty })
    }

    @Test func initWritesByteIdenticalCopiesAndNeverOverwrites() async throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let folder = scratch.path
        let output = OutputBuffer()
        let code = await TickmarkCommand.run(["init", folder], console: output.console(currentDirectory: folder))
        #expect(code == 0)
        for name in Self.shipped {
            let written = FileManager.default.contents(atPath: "\(folder)/checklists/\(name).md")
            let original = FileManager.default.contents(atPath: "\(repositoryRoot)/checklists/\(name).md")
            #expect(written != nil && written == original)
        }
        #expect(output.stdout.contains("Next:"))

        let edited = "\(folder)/checklists/staging.md"
        try Data("my edits\n".utf8).write(to: URL(fileURLWithPath: edited))
        let again = OutputBuffer()
        #expect(await TickmarkCommand.run(["init", folder], console: again.console(currentDirectory: folder)) == 2)
        #expect(again.stderr.contains("already exists"))
        #expect(FileManager.default.contents(atPath: edited) == Data("my edits\n".utf8))

        #expect(await TickmarkCommand.run(["init", folder, "--template", "staging", "--force"], console: OutputBuffer().console(currentDirectory: folder)) == 0)
        #expect(FileManager.default.contents(atPath: edited) == FileManager.default.contents(atPath: "\(repositoryRoot)/checklists/staging.md"))
    }

    @Test func unknownTemplateIsAUsageError() async {
        let output = OutputBuffer()
        #expect(await TickmarkCommand.run(["init", "--template", "stagin"], console: output.console()) == 2)
        #expect(output.stderr.contains("did you mean 'staging'?"))
    }
}
