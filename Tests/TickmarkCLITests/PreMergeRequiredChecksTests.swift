import Foundation
import Testing
import Tickmark
@testable import TickmarkCLI
import TickmarkTestSupport

/// The shipped pre-merge checklist runs inside a pull request's own workflow, where
/// `gh pr checks --required` would wait for its own job: the required-checks item is the
/// reviewer's, with no probe (docs/github-actions.md says why).
@Suite struct PreMergeRequiredChecksTests {
    @Test func theRequiredChecksItemIsTheReviewersAndNoProbeWaitsForItsOwnJob() throws {
        let bytes = try #require(InitCommand.bytes(of: "pre-merge"))
        let checklist = ChecklistParser.parse(bytes, path: "checklists/pre-merge.md")
        #expect(checklist.diagnostics.filter { $0.severity == .error }.isEmpty)
        let item = try #require(checklist.allItems.first { $0.text.hasPrefix("All required CI checks are green") })
        #expect(item.probes.isEmpty, "\(item.probes.map(\.source))")
        #expect(item.owners == ["@reviewer"])
        #expect(item.position.line == 29, "the items after it keep their lines")
        for probe in checklist.allItems.flatMap(\.probes) {
            #expect(!probe.source.contains("gh pr checks"), "\(probe.source)")
        }
        let docs = try String(contentsOfFile: repositoryRoot + "/docs/github-actions.md", encoding: .utf8)
        #expect(docs.contains("deliberately **not a probe**"))
    }
}
