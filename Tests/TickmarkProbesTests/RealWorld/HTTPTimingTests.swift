import Testing
import TickmarkProbes
import TickmarkTestSupport

/// How soon a cancelled HTTP request stops, held to a tight limit: a timing test, run alone
/// (`RunsAlone`); the whole suite checks the same with room to spare (`HTTPConcurrencyTests`).
@Suite(.serialized, .enabled(if: RunsAlone.enabled, RunsAlone.skipReason)) struct HTTPTimingTests {
    @Test func aCancelledRequestStopsWithinAHundredAndFiftyMilliseconds() async throws {
        try await HTTPConcurrencyTests.cancelWhileTheServerSendsNothing(transport: CurlHTTPTransport(), within: .milliseconds(150))
    }
}
