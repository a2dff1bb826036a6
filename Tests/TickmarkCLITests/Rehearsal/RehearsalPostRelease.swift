import Foundation
import Testing
import TickmarkTestSupport

/// Post-release: the tag deployed, its checks, and a short real watch period.
extension ServiceTeam {
    /// The deploy: production runs the tag, and the checkout is the tag.
    func deployProduction() async throws {
        try await git("git checkout -q --detach v1.4.0")
    }

    /// `tickmark run checklists/post-release.md` from the tag's checkout.
    func runPostRelease() async throws -> Step {
        try await ci(["run", "checklists/post-release.md"] + postReleaseVariables + ["--record", ".tickmark/post-release.json"])
    }

    /// A short real watch period: `tickmark watch` for `seconds`, a round every `every` seconds.
    func watch(seconds: Int, every: Int = 1, record: String = ".tickmark/watch.json") async throws -> Step {
        try await ci(["watch", "checklists/post-release.md"] + postReleaseVariables + ["--for", "\(seconds)s", "--every", "\(every)s", "--record", record])
    }
}

extension ServiceTeam {
    /// Post-release: the probes pass at once, the people's items wait; Dee signs off deploy,
    /// verification, roll-out and follow-up; a 3-second watch is GO; Dee signs the watch-period
    /// items, Ana the rest.
    func postReleasePhase(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let first = try await runPostRelease()
        #expect(first.code == 1, "\(first.output)", sourceLocation: sourceLocation)
        #expect(first.stdout.contains("Result: NO-GO — 14 passed, 0 failed, 0 errors, 36 waiting for sign-off, 0 skipped"), "\(first.stdout)", sourceLocation: sourceLocation)
        #expect(first.stdout.contains("  PASS     /api/version reports the release version and commit"), sourceLocation: sourceLocation)
        #expect(first.stdout.contains("  PASS     Release merged back into the development branch"), sourceLocation: sourceLocation)
        try await signOffBeforeWatch(sourceLocation: sourceLocation)

        let watched = try await watch(seconds: 3)
        #expect(watched.code == 0, "\(watched.output)", sourceLocation: sourceLocation)
        #expect(watched.stdout.hasPrefix("Watching 14 probe items every 1s for 3s, one try per probe and round.\nNot part of the watch (they belong to the gate before it): 36 manual items, requires: production-readiness\nround 1: GO\n"), "\(watched.stdout)", sourceLocation: sourceLocation)
        let rounds = Self.lines(watched.stdout, containing: "round ")
        #expect(rounds.count >= 2 && rounds.allSatisfy { $0.hasSuffix(": GO") }, "\(rounds)", sourceLocation: sourceLocation)
        #expect(FileManager.default.fileExists(atPath: path(".tickmark/watch.json")), sourceLocation: sourceLocation)
        #expect(watched.stdout.contains(", 0 NO-GO, completed\nRecord: .tickmark/watch.json\n"), "\(watched.stdout)", sourceLocation: sourceLocation)

        let after = try await signOffAfterWatch(sourceLocation: sourceLocation)
        #expect(after.stdout.contains("post-release: GO\n"), "\(after.output)", sourceLocation: sourceLocation)
    }

    /// Dee signs off deploy, verification, roll-out and follow-up, with her key.
    func signOffBeforeWatch(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        for section in ["Deploy", "Verify", "Gradual rollout", "Follow-up (next 24 hours)"] {
            let signed = try await signOffAllWaiting(".tickmark/post-release.json", section: section, by: Self.dee, role: "ops", key: "dee")
            #expect(signed.code == 0, "\(signed.output)", sourceLocation: sourceLocation)
        }
    }

    /// After the watch, Dee signs the on-call items of the watch period, Ana everything left.
    /// Returns Ana's step.
    func signOffAfterWatch(sourceLocation: SourceLocation = #_sourceLocation) async throws -> Step {
        let watchers = try await signOff(".tickmark/post-release.json", Self.deeWatchItems, by: Self.dee, role: "on-call", key: "dee")
        #expect(watchers.code == 0 && watchers.stdout.contains("post-release: NO-GO (6 blockers)"), "\(watchers.output)", sourceLocation: sourceLocation)
        let manager = try await signOffAllWaiting(".tickmark/post-release.json", by: Self.ana, role: "release-manager", key: "ana")
        #expect(manager.code == 0, "\(manager.output)", sourceLocation: sourceLocation)
        return manager
    }

    /// The watch-period items that are the on-call engineer's.
    static let deeWatchItems = ["Error rate at its baseline", "No worker failures", "Container logs show", "Uptime monitor", "User activity stable"]
}
