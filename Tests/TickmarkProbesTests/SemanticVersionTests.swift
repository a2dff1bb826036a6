import Testing
import TickmarkProbes

@Suite struct SemanticVersionTests {
    @Test func parsesEveryPart() throws {
        let version = try SemanticVersion.parse("1.20.300-rc.1.x-y+build.007.sha-1").get()
        #expect(version.major == 1)
        #expect(version.minor == 20)
        #expect(version.patch == 300)
        #expect(version.prerelease == ["rc", "1", "x-y"])
        #expect(version.buildMetadata == ["build", "007", "sha-1"])
        #expect(version.isPrerelease)
        #expect(version.description == "1.20.300-rc.1.x-y+build.007.sha-1")
    }

    @Test(arguments: ["0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-0.3.7", "1.0.0-x.7.z.92", "1.0.0+20130313144700",
                      "1.0.0-beta+exp.sha.5114f85", "1.0.0--", "1.1.2-alpha.beta.-1"])
    func acceptsValidVersions(_ text: String) throws {
        let version = try #require(SemanticVersion(text))
        #expect(version.description == text)
    }

    @Test(arguments: [
        ("", "empty"), ("1.2", "three numbers"), ("1.2.3.4", "three numbers"), ("v1.2.3", "leading 'v'"),
        ("01.2.3", "leading zero"), ("1.2.3-01", "leading zero"), ("1.2.3-", "empty identifier"),
        ("1.2.3-rc..1", "empty identifier"), ("1.2.3+", "empty identifier"), ("1.2.3-rc_1", "letters, digits"),
        ("1.a.3", "not a number"), (" 1.2.3", "not a number"), ("99999999999999999999.0.0", "too large"),
    ])
    func rejectsInvalidVersionsSayingWhy(_ text: String, _ reason: String) {
        guard case .failure(let error) = SemanticVersion.parse(text) else {
            Issue.record("'\(text)' was accepted")
            return
        }
        #expect(error.message.contains(reason), "\(error.message)")
    }

    @Test func ordersBySemVerPrecedence() throws {
        let ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                       "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0"]
        let versions = try ordered.map { try #require(SemanticVersion($0)) }
        for (lower, higher) in zip(versions, versions.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
            #expect(!(higher < lower), "\(higher) < \(lower)")
        }
        #expect(versions.shuffled().sorted() == versions)
    }

    @Test func numericIdentifiersCompareAsNumbersEvenWhenLong() throws {
        let small = try #require(SemanticVersion("1.0.0-9"))
        let large = try #require(SemanticVersion("1.0.0-123456789012345678901234567890"))
        #expect(small < large)
        #expect(try #require(SemanticVersion("1.0.0-999")) < (try #require(SemanticVersion("1.0.0-a"))))
    }

    @Test func buildMetadataDoesNotAffectPrecedenceOrEquality() throws {
        let a = try #require(SemanticVersion("1.0.0+build.1"))
        let b = try #require(SemanticVersion("1.0.0+build.2"))
        #expect(a == b)
        #expect(!(a < b) && !(b < a))
        #expect(Set([a, b]).count == 1)
        #expect(a.buildMetadata != b.buildMetadata)
    }

    @Test func tagsMayCarryOneLeadingV() throws {
        #expect(try SemanticVersion.parse(tag: "v1.4.0").get() == SemanticVersion(major: 1, minor: 4, patch: 0))
        #expect(try SemanticVersion.parse(tag: "1.4.0").get() == SemanticVersion(major: 1, minor: 4, patch: 0))
        #expect(throws: SemanticVersion.ParseError.self) { try SemanticVersion.parse(tag: "vv1.4.0").get() }
        #expect(SemanticVersion("2.0.0")?.isPrerelease == false)
    }
}
