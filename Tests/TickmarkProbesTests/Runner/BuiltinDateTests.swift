import Foundation
import Testing
import TickmarkProbes

/// `today` and `now` are written with the C library's time conversion; they must say what
/// Foundation's calendar and ISO 8601 formatter say for the same instant.
@Suite struct BuiltinDateTests {
    @Test(arguments: [0.0, 1_796_437_444.395, 1_798_761_599.999, 1_798_761_600.0, 951_782_400.5, -86_400.25, 4_102_444_799.0])
    func todayAndNowMatchFoundation(_ seconds: Double) async {
        let instant = Date(timeIntervalSince1970: seconds)
        let resolved = await BuiltinVariables.resolve(
            [], checklistDirectory: "/tmp", workingDirectory: "/tmp", now: instant,
            processes: SystemProcessLauncher(), environment: [:]
        )
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let day = calendar.dateComponents([.year, .month, .day], from: instant)
        #expect(resolved.values["today"] == String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0))
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")!
        #expect(resolved.values["now"] == formatter.string(from: instant))
        #expect(resolved.values["checklist.dir"] == "/tmp")
    }
}
