import Testing
import TickmarkProbes

@Suite struct FileExecutionTests {
    private let root = ProbeRun.folder

    private func run(_ probe: String, _ files: InMemoryFileReader) async throws -> ProbeResult {
        try await ProbeRun.inline(probe, in: ProbeRun.context(files: files))
    }

    @Test func existsAndAbsent() async throws {
        let files = InMemoryFileReader(["\(root)/CHANGELOG.md": "# Changes\n"])
        #expect(try await run("probe: file CHANGELOG.md", files).status == .pass)
        let missing = try await run("probe: file dist/app.tar.gz exists", files)
        #expect(missing.status == .fail)
        #expect(missing.reason == "dist/app.tar.gz does not exist")
        #expect(try await run("probe: file build.log absent", files).reason == "build.log is absent")
        let present = try await run("probe: file CHANGELOG.md absent", files)
        #expect(present.status == .fail)
        #expect(present.reason == "CHANGELOG.md exists; it must be absent")
    }

    @Test func absolutePathsAreNotResolvedAgainstTheWorkingDirectory() async throws {
        let files = InMemoryFileReader(["/backups/db.dump": "x"])
        #expect(try await run("probe: file /backups/db.dump", files).status == .pass)
    }

    @Test func containsMatchesAndEquals() async throws {
        let files = InMemoryFileReader(["\(root)/CHANGELOG.md": "# Changes\n\n## [1.4.0] - 2026-05-01\n", "\(root)/VERSION": "1.4.0\n"])
        let contains = try await run("probe: file CHANGELOG.md contains=\"## [1.4.0]\"", files)
        #expect(contains.status == .pass)
        #expect(contains.reason == "CHANGELOG.md exists and contains \"## [1.4.0]\"")
        let notContained = try await run("probe: file CHANGELOG.md contains=\"## [1.5.0]\"", files)
        #expect(notContained.reason == "CHANGELOG.md does not contain \"## [1.5.0]\"")
        #expect(try await run("probe: file CHANGELOG.md matches=\"^## \\\\[1\\\\.4\"", files).status == .pass, "^ matches at line starts")
        #expect(try await run("probe: file CHANGELOG.md matches=\"^## \\\\[2\"", files).status == .fail)
        #expect(try await run("probe: file VERSION equals=1.4.0", files).status == .pass, "a trailing line break is ignored")
        let unequal = try await run("probe: file VERSION equals=1.5.0", files)
        #expect(unequal.status == .fail)
        #expect(unequal.reason == "VERSION holds \"1.4.0\", expected \"1.5.0\"")
    }

    @Test func newerThanUsesTheContextClock() async throws {
        var files = InMemoryFileReader()
        files.files["\(root)/fresh.dump"] = .init(bytes: [1], modified: FixedClock.date.addingTimeInterval(-3600))
        files.files["\(root)/stale.dump"] = .init(bytes: [1], modified: FixedClock.days(-2.25))
        #expect(try await run("probe: file fresh.dump newer-than=24h", files).reason == "fresh.dump exists and was modified 1h ago")
        let stale = try await run("probe: file stale.dump newer-than=24h", files)
        #expect(stale.status == .fail)
        #expect(stale.reason == "stale.dump was modified 2d 6h ago, more than 24h")
    }

    @Test func anUnreadableFileIsAnError() async throws {
        var files = InMemoryFileReader()
        files.unreadable = ["\(root)/secret.txt"]
        let result = try await run("probe: file secret.txt contains=x", files)
        #expect(result.status == .error)
        #expect(result.reason == "cannot read \(root)/secret.txt: permission denied")
    }
}

@Suite struct EnvExecutionTests {
    @Test func setVariablesPass() async throws {
        let context = ProbeRun.context(environment: ["DATABASE_URL": "postgres://u:hunter2@db/x", "S3_KEY": "AKIA123"])
        let result = try await ProbeRun.inline("probe: env DATABASE_URL S3_KEY", in: context)
        #expect(result.status == .pass)
        #expect(result.reason == "DATABASE_URL and S3_KEY are set")
        #expect(result.evidence.fields == [EvidenceField("DATABASE_URL", "set"), EvidenceField("S3_KEY", "set")])
    }

    @Test func missingAndBlankVariablesFailWithoutShowingAnyValue() async throws {
        let context = ProbeRun.context(environment: ["A_TOKEN": "s3cr3t-value", "EMPTY": "", "BLANK": "  "])
        let result = try await ProbeRun.inline("probe: env A_TOKEN MISSING EMPTY BLANK", in: context)
        #expect(result.status == .fail)
        #expect(result.reason == "not set: MISSING; empty: EMPTY, BLANK")
        #expect(result.evidence.fields.map(\.value) == ["set", "missing", "empty", "empty"])
        let everything = [result.reason, result.evidence.action, result.evidence.output] + result.evidence.fields.flatMap { [$0.name, $0.value] }
        #expect(!everything.contains { $0.contains("s3cr3t") })
    }
}

@Suite struct WindowExecutionTests {
    // FixedClock.date is Friday 2026-05-15 14:30 UTC, 16:30 in Paris.

    @Test func insideADeniedWindowFails() async throws {
        let result = try await ProbeRun.inline("probe: window deny=\"Fri 15:00-24:00, Sat, Sun\" tz=Europe/Paris", in: ProbeRun.context())
        #expect(result.status == .fail)
        #expect(result.reason == "Fri 16:30 Europe/Paris is inside the denied window Fri 15:00-24:00, Sat, Sun")
        #expect(result.evidence.field("now") == "Fri 16:30 (Europe/Paris)")
    }

    @Test func outsideTheDeniedWindowPasses() async throws {
        let result = try await ProbeRun.inline("probe: window deny=\"Fri 15:00-24:00, Sat, Sun\" tz=UTC", in: ProbeRun.context())
        #expect(result.status == .pass)
        #expect(result.reason == "Fri 14:30 UTC is outside the denied window Fri 15:00-24:00, Sat, Sun")
    }

    @Test func outsideTheAllowedWindowFails() async throws {
        let result = try await ProbeRun.inline("probe: window allow=\"Mon-Thu 09:00-17:00\" tz=America/New_York", in: ProbeRun.context())
        #expect(result.status == .fail)
        #expect(result.reason == "Fri 10:30 America/New_York is outside the allowed window Mon-Thu 09:00-17:00")
    }
}
