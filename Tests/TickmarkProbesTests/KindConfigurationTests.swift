import Testing
import Tickmark
import TickmarkProbes

@Suite struct KindConfigurationTests {
    private func configuration<C: ProbeConfiguration>(_ type: C.Type, _ probe: String,
                                                      sourceLocation: SourceLocation = #_sourceLocation) throws -> C {
        try Fixture.configuration(type, Fixture.inline(probe), sourceLocation: sourceLocation)
    }

    @Test func httpDefaultsToGetExpectingSuccessAndFollowingRedirects() throws {
        let http = try configuration(HTTPProbe.Configuration.self, "probe: http https://example.com/health")
        #expect(http.method == "GET")
        #expect(http.expectedStatus == .success)
        #expect(http.followRedirects && !http.insecure)
        #expect(http.summary == "GET https://example.com/health expecting status 2xx")
    }

    @Test(arguments: ["ftp://${host}/x", "file:///${path}", "localhost:8080/${path}"])
    func httpChecksTheLiteralSchemeOfURLsWithVariables(_ url: String) throws {
        let diagnostic = try Fixture.diagnostic(Fixture.inline("probe: http GET \(url)"))
        #expect(diagnostic.id == .invalidArgument)
    }

    @Test func httpAcceptsAMethodGivenByAVariable() throws {
        let http = try configuration(HTTPProbe.Configuration.self, "probe: http ${method} ${base_url}/x insecure=true")
        #expect(http.method == "${method}")
        #expect(http.url == "${base_url}/x")
        #expect(http.insecure)
    }

    @Test func tcpKeepsALiteralPortNextToAVariableHost() throws {
        let tcp = try configuration(TCPProbe.Configuration.self, "probe: tcp ${db_host}:5432")
        #expect(tcp.endpoint == HostPort(host: "${db_host}", port: 5432))
        let diagnostic = try Fixture.diagnostic(Fixture.inline("probe: tcp ${db_host}:99999"))
        #expect(diagnostic.id == .invalidArgument)
    }

    @Test func tlsDefaultsToPort443AndNoMinimumDays() throws {
        let tls = try configuration(TLSProbe.Configuration.self, "probe: tls api.example.com")
        #expect(tls.endpoint == HostPort(host: "api.example.com", port: 443))
        #expect(tls.minimumDaysRemaining == 0)
        #expect(tls.verifiedName == "api.example.com")
        let named = try configuration(TLSProbe.Configuration.self, "probe: tls 10.0.0.5:8443 servername=api.example.com days=14")
        #expect(named.endpoint.port == 8443 && named.minimumDaysRemaining == 14 && named.verifiedName == "api.example.com")
    }

    @Test func fileReadsPresenceAndContentChecks() throws {
        let changelog = try configuration(FileProbe.Configuration.self, "probe: file CHANGELOG.md contains=\"## [${version}]\"")
        #expect(changelog.path == "CHANGELOG.md")
        #expect(changelog.presence == .exists)
        #expect(changelog.contains == "## [${version}]")
        let absent = try configuration(FileProbe.Configuration.self, "probe: file build.log absent")
        #expect(absent.presence == .absent)
        #expect(absent.summary == "build.log is absent")
        let notExists = try configuration(FileProbe.Configuration.self, "probe: file build.log exists=false")
        #expect(notExists.presence == .absent)
    }

    @Test func fileEqualityIgnoresOneTrailingLineBreak() {
        #expect(FileProbe.Configuration.contentEquals("1.4.0\n", "1.4.0"))
        #expect(FileProbe.Configuration.contentEquals("1.4.0\r\n", "1.4.0"))
        #expect(!FileProbe.Configuration.contentEquals("1.4.0\n\n", "1.4.0"))
        #expect(!FileProbe.Configuration.contentEquals(" 1.4.0", "1.4.0"))
    }

    @Test(arguments: [
        ("probe: git clean", GitProbe.Check.clean),
        ("probe: git branch release/1.2", .branch("release/1.2")),
        ("probe: git synced", .synced(nil)),
        ("probe: git synced upstream/main", .synced(GitProbe.RemoteBranch(remote: "upstream", branch: "main"))),
        ("probe: git tag v1.2.3", .tag("v1.2.3")),
        ("probe: git tag-at-head", .tagAtHead(nil)),
        ("probe: git tag-at-head v${version}", .tagAtHead("v${version}")),
    ])
    func gitReadsEachCheck(_ probe: String, _ check: GitProbe.Check) throws {
        #expect(try configuration(GitProbe.Configuration.self, probe).check == check)
    }

    @Test(arguments: [
        ("probe: version semver 1.0.0-rc.1", VersionProbe.Check.semver("1.0.0-rc.1")),
        ("probe: version stable ${version}", .stable("${version}")),
        ("probe: version file VERSION equals 1.2.3", .fileEquals(path: "VERSION", value: "1.2.3")),
        ("probe: version file VERSION 1.2.3", .fileEquals(path: "VERSION", value: "1.2.3")),
        ("probe: version file VERSION equals=1.2.3", .fileEquals(path: "VERSION", value: "1.2.3")),
        ("probe: version tag-matches-file v1.2.3 VERSION", .tagMatchesFile(tag: "v1.2.3", path: "VERSION")),
    ])
    func versionReadsEachCheck(_ probe: String, _ check: VersionProbe.Check) throws {
        #expect(try configuration(VersionProbe.Configuration.self, probe).check == check)
    }

    @Test func changelogDefaultsToCHANGELOGWithoutDate() throws {
        let plain = try configuration(ChangelogProbe.Configuration.self, "probe: changelog 1.4.0")
        #expect(plain.version == "1.4.0" && plain.path == "CHANGELOG.md" && !plain.requiresDate)
        let dated = try configuration(ChangelogProbe.Configuration.self, "probe: changelog ${version} path=docs/CHANGES.md dated=true")
        #expect(dated.path == "docs/CHANGES.md" && dated.requiresDate)
    }

    @Test func envKeepsNamesInOrderAndNeverShowsValues() throws {
        let env = try configuration(EnvProbe.Configuration.self, "probe: env DATABASE_URL S3_KEY")
        #expect(env.names == ["DATABASE_URL", "S3_KEY"])
        #expect(env.summary == "DATABASE_URL, S3_KEY are set and not empty")
    }

    @Test func checklistTellsIdsFromPaths() throws {
        let byID = try configuration(ChecklistProbe.Configuration.self, "probe: checklist staging")
        #expect(byID.target == .id("staging"))
        #expect(byID.recordsDirectory == nil)
        let byPath = try configuration(ChecklistProbe.Configuration.self, "probe: checklist staging.md records=ci/runs")
        #expect(byPath.target == .path("staging.md"))
        #expect(byPath.recordsDirectory == "ci/runs")
    }

    @Test func commonOptionsAreNotReportedAsUnknown() throws {
        let (decoded, diagnostics) = try Fixture.decode(Fixture.inline("probe: tcp db:5432 timeout=5s retry=3 advisory=true id=db-up"))
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let probe = try #require(decoded)
        #expect(probe.common.timeout == .seconds(5))
        #expect(probe.common.retry?.attempts == 3)
        #expect(probe.common.advisory)
    }
}
