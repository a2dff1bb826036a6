import Testing
import TickmarkProbes

@Suite struct VersionExecutionTests {
    private let files = InMemoryFileReader(["\(ProbeRun.folder)/VERSION": "1.4.0\n", "\(ProbeRun.folder)/version.txt": "v2.0.0-rc.1"])

    private func run(_ probe: String) async throws -> ProbeResult {
        try await ProbeRun.inline(probe, in: ProbeRun.context(files: files))
    }

    @Test func semverAndStable() async throws {
        #expect(try await run("probe: version semver 1.2.3-rc.1+build.5").status == .pass)
        #expect(try await run("probe: version stable 2.0.0").reason == "2.0.0 is a stable version")
        let prerelease = try await run("probe: version stable 2.0.0-rc.1")
        #expect(prerelease.status == .fail)
        #expect(prerelease.reason == "2.0.0-rc.1 is a pre-release (-rc.1)")
    }

    @Test func aValueThatIsNotAVersionFails() async throws {
        // Values written with variables are checked only once substituted, at run time.
        let result = try await ProbeRun.inline("probe: version semver ${version}", in: ProbeRun.context())
        #expect(result.status == .fail)
        #expect(result.reason.hasPrefix("'${version}' is not a semantic version"))
    }

    @Test func fileEquals() async throws {
        #expect(try await run("probe: version file VERSION equals 1.4.0").reason == "VERSION holds 1.4.0")
        let other = try await run("probe: version file VERSION 1.5.0")
        #expect(other.status == .fail)
        #expect(other.reason == "VERSION holds \"1.4.0\", expected 1.5.0")
        let missing = try await run("probe: version file RELEASE equals=1.4.0")
        #expect(missing.status == .fail)
        #expect(missing.reason == "RELEASE does not exist")
    }

    @Test func tagMatchesFileIgnoresOneLeadingV() async throws {
        #expect(try await run("probe: version tag-matches-file v1.4.0 VERSION").reason == "tag v1.4.0 matches VERSION (1.4.0)")
        #expect(try await run("probe: version tag-matches-file 2.0.0-rc.1 version.txt").status == .pass)
        let other = try await run("probe: version tag-matches-file v1.3.9 VERSION")
        #expect(other.status == .fail)
        #expect(other.reason == "tag v1.3.9 does not match VERSION, which holds \"1.4.0\"")
    }
}

@Suite struct ChangelogExecutionTests {
    private let changelog = """
        # Changelog

        ```markdown
        ## [9.9.9] - 2030-01-01
        ```

        ## [Unreleased]

        ## [1.4.0] - 2026-05-01
        ### Added
        - things

        ## 1.3.2
        - fixes

        ## [1.3.1] - 2026-01-10

        [1.3.1]: https://example.com/compare/v1.3.0...v1.3.1

        """

    private func run(_ probe: String) async throws -> ProbeResult {
        try await ProbeRun.inline(probe, in: ProbeRun.context(files: InMemoryFileReader(["\(ProbeRun.folder)/CHANGELOG.md": changelog])))
    }

    @Test func findsKeepAChangelogHeadings() async throws {
        let result = try await run("probe: changelog 1.4.0 dated=true")
        #expect(result.status == .pass)
        #expect(result.reason == "CHANGELOG.md:9 has a section for 1.4.0, dated 2026-05-01")
        #expect(try await run("probe: changelog Unreleased").status == .pass)
        #expect(try await run("probe: changelog 1.3.2").reason == "CHANGELOG.md:13 has a section for 1.3.2")
        #expect(try await run("probe: changelog 1.3.1 dated=true").status == .pass, "a heading that became a link still counts")
    }

    @Test func aMissingSectionFailsNamingTheLatest() async throws {
        let result = try await run("probe: changelog 1.5.0")
        #expect(result.status == .fail)
        #expect(result.reason == "CHANGELOG.md has no section for 1.5.0; the latest is 1.4.0 (line 9)")
        #expect(try await run("probe: changelog 9.9.9").status == .fail, "headings in code blocks are not sections")
    }

    @Test func anUndatedSectionFailsWhenADateIsRequired() async throws {
        let result = try await run("probe: changelog 1.3.2 dated=true")
        #expect(result.status == .fail)
        #expect(result.reason == "CHANGELOG.md:13 has a section for 1.3.2 but no release date (## [1.3.2] - YYYY-MM-DD)")
    }

    @Test func aMissingChangelogFails() async throws {
        let result = try await ProbeRun.inline("probe: changelog 1.0.0 path=docs/CHANGES.md", in: ProbeRun.context())
        #expect(result.status == .fail)
        #expect(result.reason == "docs/CHANGES.md does not exist")
    }
}
