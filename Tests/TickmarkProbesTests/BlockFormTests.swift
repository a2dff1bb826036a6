import Testing
import Tickmark
import TickmarkProbes

@Suite struct BlockFormTests {
    @Test func httpBlockReadsStatusListJSONMappingLatencyAndRetry() throws {
        let markdown = """
        - [ ] `/api/version` commit SHA matches the expected commit
          ```probe
          http: GET https://api.example.com/api/version
          expect:
            status: [200, 204]
            json: { commit: "${git.head}", build: { number: 42 }, /tags/0: stable }
            header: { Content-Type: application/json }
            under: 800ms
          retry: { attempts: 10, interval: 5s }
          timeout: 10s
          ```

        """
        let (decoded, diagnostics) = try Fixture.decode(markdown)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let probe = try #require(decoded)
        let configuration = try #require(probe.configuration as? HTTPProbe.Configuration)
        #expect(configuration.method == "GET")
        #expect(configuration.url == "https://api.example.com/api/version")
        #expect(configuration.expectedStatus == HTTPStatusExpectation([.code(200), .code(204)]))
        #expect(configuration.expectedJSON == [
            JSONExpectation(path: JSONPath(tokens: ["commit"], text: "commit"), value: .string("${git.head}")),
            JSONExpectation(path: JSONPath(tokens: ["build"], text: "build"), value: .object(["number": .number(42)])),
            JSONExpectation(path: JSONPath(tokens: ["tags", "0"], text: "/tags/0"), value: .string("stable")),
        ])
        #expect(configuration.expectedHeaders == [HTTPHeader(name: "Content-Type", value: "application/json")])
        #expect(configuration.maximumLatency == .milliseconds(800))
        #expect(probe.common.retry == RetryPolicy(attempts: 10, interval: .seconds(5)))
        #expect(probe.common.timeout == .seconds(10))
    }

    @Test func httpBlockAcceptsAStatusClassRequestHeadersAndBody() throws {
        let markdown = """
        - [ ] Webhook accepts a ping
          ```probe
          http: https://hooks.example.com/ping
          headers:
            Authorization: Bearer ${token}
            Content-Type: application/json
          data: '{"ping": true}'
          follow: false
          expect:
            status: 2xx
            body: pong
          ```

        """
        let configuration = try Fixture.configuration(HTTPProbe.Configuration.self, markdown)
        #expect(configuration.method == "POST", "a body without a method is posted")
        #expect(configuration.requestHeaders == [
            HTTPHeader(name: "Authorization", value: "Bearer ${token}"),
            HTTPHeader(name: "Content-Type", value: "application/json"),
        ])
        #expect(configuration.requestBody == #"{"ping": true}"#)
        #expect(configuration.followRedirects == false)
        #expect(configuration.expectedStatus == HTTPStatusExpectation([.statusClass(2)]))
        #expect(configuration.bodyContains == "pong")
    }

    @Test func inlineJSONAndHeaderSpellingsMatchTheBlockForm() throws {
        let inline = Fixture.inline(
            "probe: http GET https://a.example/v json=.commit=abc json.build.number=42 header=Server header.X-Id=7 status=200,204"
        )
        let configuration = try Fixture.configuration(HTTPProbe.Configuration.self, inline)
        #expect(configuration.expectedJSON.map(\.path.tokens) == [["commit"], ["build", "number"]])
        #expect(configuration.expectedJSON.map(\.value) == [.string("abc"), .string("42")])
        #expect(configuration.expectedHeaders == [HTTPHeader(name: "Server", value: ""), HTTPHeader(name: "X-Id", value: "7")])
        #expect(configuration.expectedStatus == HTTPStatusExpectation([.code(200), .code(204)]))
        #expect(configuration.expectedJSON[1].isSatisfied(by: .object(["build": .object(["number": .number(42)])])))
    }

    @Test func windowBlockTakesAListOfSpans() throws {
        let markdown = """
        - [ ] Not during the weekend freeze
          ```probe
          window:
          deny: ["Fri 15:00-24:00", Sat, Sun]
          tz: Europe/Paris
          ```

        """
        let configuration = try Fixture.configuration(WindowProbe.Configuration.self, markdown)
        #expect(configuration.deny == (try TimeWindow.parse("Fri 15:00-24:00, Sat, Sun").get()))
        #expect(configuration.timeZoneIdentifier == "Europe/Paris")
    }

    @Test func fileBlockTakesBooleanPresenceAndFreshness() throws {
        let markdown = """
        - [ ] Backup is fresh
          ```probe
          file: /backups/db.dump
          expect:
            exists: true
            newer-than: 24h
          ```
        - [ ] No crash dump
          ```probe
          file: core
          absent: true
          ```

        """
        let checklist = ChecklistParser.parse(Array(markdown.utf8), path: Fixture.path)
        let specs = checklist.allItems.flatMap(\.probes)
        try #require(specs.count == 2)
        let fresh = try #require(ProbeRegistry.decode(specs[0], path: Fixture.path).0?.configuration as? FileProbe.Configuration)
        #expect(fresh.presence == .exists)
        #expect(fresh.maximumAge == .seconds(86400))
        let absent = try #require(ProbeRegistry.decode(specs[1], path: Fixture.path).0?.configuration as? FileProbe.Configuration)
        #expect(absent.presence == .absent)
    }

    @Test func gitAndVersionBlocksReadTheirSubcommands() throws {
        let git = try Fixture.configuration(GitProbe.Configuration.self, """
        - [ ] Synced
          ```probe
          git: synced origin/release/1.2
          repo: ../service
          ```

        """)
        #expect(git.check == .synced(GitProbe.RemoteBranch(remote: "origin", branch: "release/1.2")))
        #expect(git.repository == "../service")
        let version = try Fixture.configuration(VersionProbe.Configuration.self, """
        - [ ] Version file
          ```probe
          version: [file, VERSION, equals, "${version}"]
          ```

        """)
        #expect(version.check == .fileEquals(path: "VERSION", value: "${version}"))
    }
}
