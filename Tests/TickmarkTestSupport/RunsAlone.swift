import Foundation
import Testing

/// Tests that measure time or follow real signals to process groups, and that other tests' load
/// made fail: with every suite of the package running at once on two cores, a watch round or a
/// probe's start can wait longer than the test allows. They run in a `swift test` of their own,
/// which `.ci/run` starts with `TICKMARK_ALONE_TESTS=1` after the whole suite; in a plain
/// `swift test` they are skipped with the command that runs them. (Suites of that name in any
/// test target run in that step.)
package enum RunsAlone {
    package static let enabled = ProcessInfo.processInfo.environment["TICKMARK_ALONE_TESTS"] == "1"
    package static let skipReason: Comment = "runs alone: TICKMARK_ALONE_TESTS=1 swift test --filter 'RunSignalTests|WatchToleranceTests|HTTPTimingTests' (as .ci/run does)"
}
