import Foundation
import Tickmark
import TickmarkProbes

/// `tickmark run --dry-run`: every command and request that would run, in document order, and
/// the probes of N/A items, which will not.
enum DryRun {
    static func print(_ checklists: [Checklist], sources: VariableSources, options: RunOptions, context: ProbeContext, console: Console) async throws -> Int32 {
        let steps: [PlannedStep]
        do {
            steps = try await ProbeRunner.dryRun(checklists, sources: sources, options: options, context: context)
        } catch {
            RunDiagnostics.print(error.diagnostics, checklists: checklists, console: console)
            return 2
        }
        var path: String?
        for step in steps {
            if step.checklistPath != path {
                path = step.checklistPath
                console.line(console.style(step.checklistPath, "1"))
            }
            var line = "  \(step.checklistPath):\(step.line): \(step.itemID): \(step.kind): \(step.summary)"
            if step.notApplicable {
                console.line(line + console.style(" — N/A, will not run", "2"))
                continue
            }
            var limits = ["timeout \(DurationText.format(step.timeout))"]
            if step.attempts > 1 { limits.append("\(step.attempts) attempts") }
            if let when = step.when { limits.append("when \(when)") }
            if !step.needs.isEmpty { limits.append("needs \(step.needs.joined(separator: ", "))") }
            line += console.style(" (" + limits.joined(separator: ", ") + ")", "2")
            console.line(line)
        }
        let runnable = steps.filter { !$0.notApplicable }.count
        let notApplicable = steps.count - runnable
        var total = "Dry run: \(runnable) probe\(runnable == 1 ? "" : "s") would run"
        if notApplicable > 0 { total += ", \(notApplicable) \(notApplicable == 1 ? "is" : "are") N/A" }
        console.line(total + "; nothing was run.")
        return 0
    }
}
