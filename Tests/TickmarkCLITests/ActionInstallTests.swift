import Foundation
import Testing
import TickmarkTestSupport

/// The action's install step (action.yml), with a release archive served from a `file://` URL:
/// Tickmark lands in RUNNER_TEMP, on GITHUB_PATH, and never in the workspace.
@Suite struct ActionInstallTests {
    @Test func theArchiveIsUnpackedIntoRunnerTempAndPutOnPath() throws {
        let scratch = try TemporaryFolder()
        defer { scratch.remove() }
        let arch = try Shell.run("uname -m", in: scratch.path).trimmingCharacters(in: .whitespacesAndNewlines)
        let folder = "tickmark-9.9.9-linux-\(arch)"
        try Shell.run("""
            mkdir -p release/\(folder) workspace temp && printf '#!/bin/sh\\necho 9.9.9\\n' > release/\(folder)/tickmark \
            && chmod +x release/\(folder)/tickmark && tar -C release -czf release/\(folder).tar.gz \(folder) && touch temp/path temp/output
            """, in: scratch.path)
        let sha256 = try Shell.run("sha256sum release/\(folder).tar.gz", in: scratch.path).split(separator: " ")[0]
        let runner = SimulatedActionsRunner(workspace: scratch.path("workspace"), environment: [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "RUNNER_TEMP": scratch.path("temp"),
            "GITHUB_PATH": scratch.path("temp/path"), "GITHUB_OUTPUT": scratch.path("temp/output"),
            "GITHUB_SERVER_URL": "https://github.com",
        ])
        let with = [
            "version": "9.9.9", "archive-url": "file://\(scratch.path)/release/tickmark-VERSION-linux-ARCH.tar.gz",
            "sha256": String(sha256),
        ]
        let runs = try runner.runAction(with, stepName: "Install", onlyIDs: ["install"])
        let install = try #require(runs.first)
        #expect(install.status == 0, "\(install.output)\(install.errors)")
        let home = scratch.path("temp/tickmark-9.9.9")
        #expect(FileManager.default.isExecutableFile(atPath: home + "/tickmark"))
        #expect(try scratch.text("temp/path") == home + "\n")
        #expect(try scratch.text("temp/output") == "tickmark=\(home)/tickmark\n")
        #expect(try scratch.names(in: "workspace").isEmpty, "nothing is written into the workspace")

        let wrong = try runner.runAction(with.merging(["sha256": String(repeating: "0", count: 64)]) { $1 }, stepName: "Install", onlyIDs: ["install"])
        #expect(wrong.first?.status != 0, "a checksum that does not match stops the install")
    }
}
