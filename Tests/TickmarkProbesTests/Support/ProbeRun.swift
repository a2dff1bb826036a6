import Foundation
import Testing
import Tickmark
import TickmarkProbes

/// Builds contexts from fakes and runs probes written as in a checklist.
enum ProbeRun {
    /// The working directory of fake contexts.
    static let folder = "/home/ci/project"

    /// A context whose every side effect is a fake; unset parts refuse to be used.
    static func context(
        processes: any ProcessLauncher = FakeProcessLauncher(.init(termination: .failedToStart("no processes in this test"), standardOutput: [], standardError: [])),
        http: any HTTPTransport = FakeHTTPTransport { _ in .failure(NetworkFailure("no HTTP in this test")) },
        network: any NetworkProber = FakeNetworkProber(),
        files: any FileReader = InMemoryFileReader(),
        environment: [String: String] = ["PATH": "/usr/bin:/bin"],
        now: Date = FixedClock.date,
        timeout: Duration = .seconds(5)
    ) -> ProbeContext {
        ProbeContext(workingDirectory: folder, environment: environment, timeout: timeout, now: { now },
                     processes: processes, http: http, network: network, files: files)
    }

    /// Decodes the inline probe `text` (such as `probe: git clean`) and runs one attempt.
    static func inline(_ text: String, in context: ProbeContext, sourceLocation: SourceLocation = #_sourceLocation) async throws -> ProbeResult {
        try await markdown(Fixture.inline(text), in: context, sourceLocation: sourceLocation)
    }

    /// Decodes the first probe of a one-item checklist and runs one attempt.
    static func markdown(_ markdown: String, in context: ProbeContext, sourceLocation: SourceLocation = #_sourceLocation) async throws -> ProbeResult {
        let (decoded, diagnostics) = try Fixture.decode(markdown, sourceLocation: sourceLocation)
        #expect(diagnostics.isEmpty, "unexpected diagnostics: \(diagnostics.map(\.message))", sourceLocation: sourceLocation)
        let probe = try #require(decoded, sourceLocation: sourceLocation)
        return await probe.execute(in: context)
    }

    /// A block-form probe under one item: `body` is the YAML between the fences.
    static func block(_ body: String) -> String {
        "- [ ] Item\n  ```probe\n" + body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n  ```\n"
    }
}

extension ProbeEvidence {
    /// The value of the field named `name`.
    func field(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }
}
