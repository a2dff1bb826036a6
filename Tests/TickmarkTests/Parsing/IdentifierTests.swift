import Testing
@testable import Tickmark

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
        let marked = MarkedText("- [ ] One <!-- id: same -->\n- [ ] Two 1️⃣<!-- id: same -->\n")
        let checklist = marked.parse()
        let diagnostic = try #require(checklist.diagnostics.first { $0.id.rawValue == "DuplicateID" })
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.position == marked.position("1️⃣"))
        #expect(diagnostic.message.contains("line 1"))
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

    /// The parser keeps each item's digest; editing the item in memory must not keep a stale one.
    @Test func aKeptDigestIsForgottenWhenTheItemChanges() {
        var item = MarkedText("- [ ] Thing `probe: run true`\n").parse().allItems[0]
        let other = MarkedText("- [ ] Other `probe: run false`\n").parse().allItems[0]
        #expect(item.digestCache.digest != nil)
        item.text = other.text
        #expect(item.digestCache.digest == nil)
        #expect(item.contentDigest != other.contentDigest)
        item.probes = other.probes
        #expect(item.contentDigest == other.contentDigest)
        var fresh = item
        fresh.digestCache = DigestCache()
        #expect(fresh == item && fresh.contentDigest == item.contentDigest)
    }
}

@Suite struct IDSetTests {
    /// The set agrees with `Set<String>` on inserts and lookups of many similar ids, across its
    /// growth, with lengths around the eight-byte steps of its hash.
    @Test func agreesWithTheStandardSet() {
        var generator = SystemRandomNumberGenerator()
        var ids = IDSet(minimumCapacity: 4)
        var reference = Set<String>()
        let words = ["deploy", "a", "b-2", "verify", "café", "x", "release-notes", ""]
        for _ in 0..<5000 {
            let id = (0..<Int.random(in: 1...3, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: "-")
            #expect(ids.contains(id) == reference.contains(id))
            #expect(ids.insert(id) == reference.insert(id).inserted)
        }
        #expect(ids.count == reference.count)
        for id in reference { #expect(ids.contains(id)) }
        #expect(!ids.contains("not-there"))
    }
}
