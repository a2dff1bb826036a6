import Testing
@testable import Tickmark
import TickmarkTestSupport

@Suite struct IdentifierTests {
    @Test func idsAreSectionSlashItemSlugsOfAtMostEightWords() {
        let checklist = MarkedText("""
        ## Before Tagging!
        - [ ] Working tree is *clean* @release-manager
        - [ ] (Optional) Café déjà vu — check the very long item text beyond eight words here
        """).parse()
        #expect(checklist.allItems.map(\.id) == [
            "before-tagging/working-tree-is-clean",
            "before-tagging/cafe-deja-vu-check-the-very-long-item",
        ])
    }

    @Test(arguments: [
        ("@owner Deploy the app", "deploy-the-app"),
        ("Deploy @org/team the app", "deploy-the-app"),
        ("Optional: deploy", "deploy"),
        ("(OPTIONAL) deploy", "deploy"),
        ("optional:deploy", "optional-deploy"),
        ("Deploy (optional)", "deploy-optional"),
        ("Optionally deploy", "optionally-deploy"),
        ("(Optional)", "item"),
        ("o@x deploy", "o-x-deploy"),
        ("(note) deploy", "note-deploy"),
    ])
    func itemSlugsSkipMentionsAndALeadingOptionalMarker(text: String, slug: String) {
        var bytes: [UInt8] = []
        if !Slug.appendItem(text, to: &bytes) { bytes = Array("item".utf8) }
        #expect(String(decoding: bytes, as: UTF8.self) == slug)
    }

    @Test func duplicateSlugsGetNumberedSuffixes() {
        let checklist = MarkedText("## Deploy\n- [ ] Verify\n- [ ] Verify\n- [ ] Verify\n").parse()
        #expect(checklist.allItems.map(\.id) == ["deploy/verify", "deploy/verify-2", "deploy/verify-3"])
    }

    @Test func numberedSuffixesSkipIdsTakenExplicitlyOrBySlug() {
        let checklist = MarkedText("""
        ## Deploy
        - [ ] Verify
        - [ ] Taken <!-- id: deploy/verify-3 -->
        - [ ] Verify
        - [ ] Verify 4
        - [ ] Verify
        - [ ] Verify
        """).parse()
        #expect(checklist.allItems.map(\.id) == [
            "deploy/verify", "deploy/verify-3", "deploy/verify-2", "deploy/verify-4", "deploy/verify-5", "deploy/verify-6",
        ])
    }

    @Test(.timeLimit(.minutes(1)))
    func thousandsOfItemsWithOneTextGetIdsInLinearTime() {
        // Counting suffixes from 2 for every item took minutes here (quadratic); it must take seconds.
        let text = "## Same\n" + String(repeating: "- [ ] Same text\n", count: 40_000)
        let ids = ChecklistParser.parse(Array(text.utf8), path: "same.md").allItems.map(\.id)
        #expect(ids.count == 40_000)
        #expect(ids.last == "same/same-text-40000")
        #expect(Set(ids).count == ids.count)
    }

    @Test func itemsWithoutHeadingOrTextStillGetIds() {
        let checklist = MarkedText("- [ ] 🚀\n- [ ] Ship\n").parse()
        #expect(checklist.allItems.map(\.id) == ["item", "ship"])
    }

    @Test func explicitIdsFromCommentOrProbeOptionWin() {
        let checklist = MarkedText("""
        ## Deploy
        - [ ] Health <!-- id: health-check -->
        - [ ] Version `probe: http GET /v id=version-endpoint`
        - [ ] health check
        """).parse()
        #expect(checklist.allItems.map(\.id) == ["health-check", "version-endpoint", "deploy/health-check"])
        #expect(checklist.allItems.map(\.hasExplicitID) == [true, true, false])
    }

    @Test func duplicateExplicitIdsAreAnError() throws {
        let marked = MarkedText("- [ ] One 2️⃣<!-- id: same -->\n- [ ] Two 1️⃣<!-- id: same -->\n")
        let checklist = marked.parse()
        let diagnostic = try #require(checklist.diagnostics.first { $0.id.rawValue == "DuplicateID" })
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.position == marked.position("1️⃣"))
        #expect(diagnostic.message.contains("line 1"))
        #expect(diagnostic.notes.map(\.message) == ["item ids must be unique within a file", "item id 'same' is first used here"])
        #expect(diagnostic.notes.map(\.isLocated) == [false, true])
        #expect(diagnostic.notes[1].path == "test.md")
        #expect(diagnostic.notes[1].position == marked.position("2️⃣"))
    }

    /// A duplicate given by a probe's `id=` option points at the first use, wherever it was
    /// written, and the formatter prints that note like a compiler.
    @Test func aDuplicateIdsNoteIsPrintedAtTheFirstUse() throws {
        let marked = MarkedText("# 發佈 🚀\n- [ ] 準備 `probe: http GET /v 1️⃣id=ship`\n- [ ] Again <!-- id: ship -->\n")
        let checklist = marked.parse(path: "docs/release.md")
        let diagnostic = try #require(checklist.diagnostics.first { $0.id == .duplicateID })
        let first = marked.position("1️⃣")
        #expect(diagnostic.notes.last?.position == first)
        let lines = DiagnosticFormatter().format(diagnostic, source: checklist.source).split(separator: "\n").map(String.init)
        #expect(lines.suffix(2) == [
            "note: item ids must be unique within a file",
            "docs/release.md:\(first.line):\(first.column): note: item id 'ship' is first used here",
        ])
    }

    @Test func idsAreStableWhenTheBoxIsTicked() {
        let open = MarkedText("## A\n- [ ] Thing\n").parse()
        let done = MarkedText("## A\n- [x] Thing\n").parse()
        #expect(open.allItems.map(\.id) == done.allItems.map(\.id))
        #expect(open.allItems.map(\.contentDigest) == done.allItems.map(\.contentDigest))
    }

    @Test func contentDigestChangesWhenTextOrProbeChanges() {
        let base = MarkedText("- [ ] Thing `probe: run true`\n").parse().allItems[0].contentDigest
        let textChanged = MarkedText("- [ ] Thing! `probe: run true`\n").parse().allItems[0].contentDigest
        let probeChanged = MarkedText("- [ ] Thing `probe: run false`\n").parse().allItems[0].contentDigest
        #expect(Set([base, textChanged, probeChanged]).count == 3)
    }

    /// The digest is computed from what the item holds, so editing the item in memory changes it.
    @Test func theDigestFollowsTheItemWhenItChanges() {
        var item = MarkedText("- [ ] Thing `probe: run true`\n").parse().allItems[0]
        let other = MarkedText("- [ ] Other `probe: run false`\n").parse().allItems[0]
        let before = item.contentDigest
        item.text = other.text
        #expect(item.contentDigest != before)
        #expect(item.contentDigest != other.contentDigest)
        item.probes = other.probes
        #expect(item.contentDigest == other.contentDigest)
    }
}
