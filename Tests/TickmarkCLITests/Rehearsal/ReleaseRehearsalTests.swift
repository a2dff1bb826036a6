import Foundation
import Testing
import TickmarkTestSupport

/// The release rehearsal: a small service adopts Tickmark and releases 1.4.0 through the whole
/// flow, in order, as a team's CI and people would: a pull request in a simulated Actions run →
/// staging → production readiness with sign-offs signed by two people's keys → post-release with
/// a short real watch → the report → signed → verified by `ssh-keygen -Y verify` and
/// `tickmark verify`. Each phase's steps and assertions live in the file named after it.
///
/// Set `TICKMARK_REHEARSAL_TRANSCRIPT=FILE` to have every step's command and output appended to
/// FILE. The two passes run one after the other: each starts tools for seconds.
@Suite(.serialized) struct ReleaseRehearsalTests {
    @Test func aReleaseGoesFromPullRequestToASignedGoReport() async throws {
        let team = try await ServiceTeam()
        defer { team.remove() }
        try await team.adopt()
        let pullRequest = try await RehearsalPullRequest(team: team)
        defer { pullRequest.stop() }
        let premerge = try await pullRequest.goPath()
        // The job's artifact, downloaded by the release manager.
        try FileManager.default.copyItem(atPath: premerge, toPath: team.path(".tickmark/pre-merge.json"))

        try await team.cutRelease()
        try await team.stagingPhase()
        try await team.mergeRelease()
        try await team.readinessPhase()
        try await team.deployProduction()
        try await team.postReleasePhase()
        try await team.signingPhase()
        team.writeTranscript("The release rehearsal: GO")
    }
}
