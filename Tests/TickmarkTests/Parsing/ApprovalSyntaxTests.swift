import Testing
@testable import Tickmark
import TickmarkTestSupport

/// `approve:` code spans on manual items (SPEC §6): read into rules, kept out of the item's text,
/// shown by `show --json`, and every mistake reported at its place.
@Suite struct ApprovalSyntaxTests {
    @Test func aRuleIsReadAndLeavesTheTextAndTheDigestAlone() throws {
        let marked = MarkedText("""
        # Release

        - [ ] Smoke test passed <!-- id: qa/smoke-test -->
        - [ ] Production deploy approved `1️⃣approve: 2 @release-manager not=author`
        - [ ] Security review `2️⃣approve: 1 @security after=qa/smoke-test signed=true`

        """)
        let checklist = marked.parse()
        #expect(checklist.diagnostics.isEmpty, "\(checklist.diagnostics)")
        let deploy = try #require(checklist.item("release/production-deploy-approved"))
        #expect(deploy.text == "Production deploy approved")
        #expect(deploy.isManual)
        #expect(deploy.owners == ["@release-manager"])
        #expect(deploy.approvals == [ApprovalRule(count: 2, role: "release-manager", notAuthor: true, source: "approve: 2 @release-manager not=author", position: marked.position("1️⃣"))].map {
            var rule = $0
            rule.roleOffsetInSource = 11
            return rule
        })
        let plain = ChecklistParser.parse(Array("# Release\n\n- [ ] Production deploy approved\n".utf8), path: "test.md")
        #expect(deploy.contentDigest == plain.allItems[0].contentDigest)
        let security = try #require(checklist.item("release/security-review"))
        #expect(security.approvals.first?.after == ["qa/smoke-test"])
        #expect(security.approvals.first?.signed == true)
        #expect(security.approvals.first?.position == marked.position("2️⃣"))
        let model = try JSONParser.parse(checklist.jsonBytes())
        let rule = try #require(model["items"]?.arrayValue?[2]["approvals"]?.arrayValue?.first)
        #expect(rule == .object([
            "count": .number(1), "role": .string("@security"), "after": .array([.string("qa/smoke-test")]), "signed": .bool(true),
            "line": .number(5), "column": .number(24), "source": .string("approve: 1 @security after=qa/smoke-test signed=true"),
        ]))
    }

    @Test func mistakesAreErrorsAtTheirPlace() throws {
        let marked = MarkedText("""
        # Release

        - [ ] A `approve: 2 @release-manager 1️⃣nto=author`
        - [ ] B `2️⃣approve: @security`
        - [ ] C `approve: 1 @security after=3️⃣qa/smok`
        - [ ] D `probe: run true` `4️⃣approve: 1 @security`
        - [ ] E `approve: 0 5️⃣@security`
        - [ ] F `approve: 1 @a 6️⃣@b`
        - [ ] Smoke <!-- id: qa/smoke -->

        """.replacingOccurrences(of: "approve: 0 5️⃣@security", with: "approve: 5️⃣0 @security"))
        let checklist = marked.parse()
        let found = checklist.diagnostics.map { "\($0.position.map { "\($0.line):\($0.column)" } ?? "-") \($0.message)" }
        #expect(found == [
            "\(marked.position("1️⃣").line):\(marked.position("1️⃣").column) unknown approval option 'nto'; did you mean 'not'? (options: not=author, after=ITEM, signed=true)",
            "\(marked.position("2️⃣").line):\(marked.position("2️⃣").column) approval rule has no number of approvals; write `approve: N @role`, such as `approve: 2 @release-manager`",
            "\(marked.position("5️⃣").line):\(marked.position("5️⃣").column) the number of approvals is from 1 to 99, not 0",
            "\(marked.position("6️⃣").line):\(marked.position("6️⃣").column) an approval rule names one role; write a second `approve:` span for @b",
            "\(marked.position("3️⃣").line):\(marked.position("3️⃣").column) `after=qa/smok` names no item of this file; did you mean 'qa/smoke'?",
            "\(marked.position("4️⃣").line):\(marked.position("4️⃣").column) approval rules apply to manual items, and this item has probes, so its result comes from them",
        ])
        #expect(checklist.diagnostics.allSatisfy { $0.severity == .error && $0.id.rawValue == "MalformedApproval" })
    }

    @Test func frontMatterNamesTheRoster() throws {
        let checklist = MarkedText("---\nroster: ../team/roster.yml\n---\n# A\n- [ ] x\n").parse()
        #expect(checklist.diagnostics.isEmpty)
        #expect(checklist.roster == "../team/roster.yml")
        #expect(String(decoding: checklist.jsonBytes(), as: UTF8.self).contains("../team/roster.yml"))
        let typo = MarkedText("---\nrostr: x.yml\n---\n- [ ] x\n").parse()
        #expect(typo.diagnostics.map(\.message) == ["unknown front matter key 'rostr'; did you mean 'roster'?"])
    }

    @Test func frontMatterHoldsTheRosterItself() throws {
        let marked = MarkedText("""
        ---
        roster:
          people:
            ana@example.com: { name: Ana Lima }
          roles:
            release-manager: [ana@example.com]
        ---
        # A
        - [ ] x `approve: 1 @release-manager`

        """)
        let checklist = marked.parse()
        #expect(checklist.diagnostics.isEmpty, "\(checklist.diagnostics)")
        #expect(checklist.inlineRoster?.people.map(\.email) == ["ana@example.com"])
        #expect(checklist.inlineRoster?.roles.first?.members == ["ana@example.com"])
        let model = try JSONParser.parse(checklist.jsonBytes())
        #expect(model["roster"]?["roles"]?["release-manager"] == .array([.string("ana@example.com")]))

        let wrong = MarkedText("---\nroster:\n  people:\n    ana@example.com: { name: Ana, 1️⃣color: red }\n---\n- [ ] x\n")
        let diagnostic = try #require(wrong.parse().diagnostics.first)
        #expect(diagnostic.message == "roster: ana@example.com: unknown field 'color'; a person has `name`, `keys`, `github` and `pronoun`")
        #expect(diagnostic.position?.line == wrong.position("1️⃣").line)
        #expect(diagnostic.position?.column == wrong.position("1️⃣").column)
    }

    @Test func aChecklistWithoutRulesHasNoApprovalField() {
        let checklist = MarkedText("# A\n- [ ] Deploy approved @release-manager\n").parse()
        let json = String(decoding: checklist.jsonBytes(), as: UTF8.self)
        #expect(!json.contains("approvals"))
        #expect(!json.contains("roster"))
    }
}
