import Foundation
import Testing
import TickmarkTestSupport

extension ServiceTeam {
    /// The team adopts Tickmark: `tickmark init`, the roster, the pre-merge checklist as the pull
    /// request template, one edit to the shipped checklists, committed and pushed to main.
    func adopt(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let initialized = try await ci(["init"])
        #expect(initialized.code == 0, "\(initialized.output)", sourceLocation: sourceLocation)
        for name in ["hotfix", "post-release", "pre-merge", "production-readiness", "rollback", "staging"] {
            #expect(initialized.stdout.contains("checklists/\(name).md"), "\(initialized.stdout)", sourceLocation: sourceLocation)
            #expect(FileManager.default.fileExists(atPath: path("checklists/\(name).md")), sourceLocation: sourceLocation)
        }
        #expect(try read(".gitignore").contains("/.tickmark/*\n!/.tickmark/roster.yml\n"), sourceLocation: sourceLocation)
        let lint = try await ci(["lint", "checklists/"])
        #expect(lint.code == 0, "\(lint.output)", sourceLocation: sourceLocation)

        try write(".tickmark/roster.yml", roster)
        try write(".github/pull_request_template.md", try read("checklists/pre-merge.md"))
        // The one edit the rehearsal makes to the shipped checklists: it runs on any day of the
        // week, so the deploy-freeze window (no Friday-afternoon or weekend deploys) is N/A.
        let readiness = try read("checklists/production-readiness.md")
        let window = "- [ ] Outside the deploy freeze"
        #expect(readiness.contains(window), sourceLocation: sourceLocation)
        try write("checklists/production-readiness.md", readiness.replacingOccurrences(of: window, with: "- [~] Outside the deploy freeze"))
        try await git("git add -A && git commit -q -m 'Adopt Tickmark release checklists' && git push -q origin main")
        #expect(try await git("git status --porcelain --ignored").contains("!! .tickmark/") == false, "the roster is tracked, nothing else is there yet", sourceLocation: sourceLocation)
    }
}
