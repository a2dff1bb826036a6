import Testing
@testable import TickmarkProbes
import Tickmark

/// Which given variables a run's checklists use (SPEC §1.5), and how values they cannot take are planned.
@Suite struct VariableUseTests {
    static let checklist = ChecklistParser.parse(Array("""
    ---
    vars:
      env: staging
    ---
    - [ ] Health `probe: http GET ${base_url}/health`
    - [~] Migration `probe: run ./migrate ${db_url}`
    - [ ] Production only
      ```probe
      run: true
      when: ${target} == production
      ```
    """.utf8), path: "c.md")

    @Test func referencesAnywhereCountIncludingNotApplicableItemsAndConditions() {
        let sources = VariableSources(
            commandLine: [("base_url", "https://x"), ("db_url", "postgres://"), ("target", "production"), ("bsae_url", "y"), ("env", "prod")],
            file: [("taget", "z")]
        )
        var withFile = sources
        withFile.fileName = "vars.env"
        #expect(withFile.unused(by: [Self.checklist]) == [
            UnusedVariable(name: "bsae_url", file: nil, suggestion: "base_url"),
            UnusedVariable(name: "env", file: nil, suggestion: nil),
            UnusedVariable(name: "taget", file: "vars.env", suggestion: "target"),
        ])
    }

    @Test func aValueTheKindRejectsIsPlannedAsItsResult() throws {
        let spec = try #require(Self.checklist.allItems.first?.probes.first)
        let scope = VariableScope(sources: VariableSources(secrets: [("base_url", "ftp://hidden")]), checklist: Self.checklist, builtins: [:])
        let (decoded, diagnostics) = ProbeInterpolation.decode(spec, scope: scope, path: "c.md")
        #expect(diagnostics.isEmpty)
        let unusable = try #require(decoded?.configuration as? UnusableValue)
        #expect(unusable.status == .error)
        #expect(unusable.reason.hasPrefix("variable 'base_url' = '***': "))
    }
}
