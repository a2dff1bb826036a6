import Foundation
import Tickmark

/// One probe `--dry-run` lists: what would run, with its limits, or an N/A item's probe that will not.
package struct PlannedStep: Sendable {
    package var checklistPath: String
    package var itemID: String
    package var itemText: String
    package var line: Int
    package var kind: String
    /// What it would do, after variable substitution, secrets redacted; for an N/A item, its
    /// arguments as written (variables are not substituted: nothing will run).
    package var summary: String
    package var timeout: Duration
    package var attempts: Int
    package var when: String?
    package var needs: [String]
    /// The probe belongs to an N/A item: it will not run.
    package var notApplicable = false
}

extension ProbeRunner {
    /// Plans the run exactly as `run` would (variables, decoding, needs) and lists the probes in
    /// document order without running any; the probes of N/A items are listed as such.
    package static func dryRun(_ checklists: [Checklist], sources: VariableSources, options: RunOptions, context: ProbeContext) async throws(RunPlanError) -> [PlannedStep] {
        let referenced = BuiltinVariables.referenced(in: checklists)
        var builtins: [String: [String: String]] = [:]
        var problems: [String: String] = [:]
        for checklist in checklists {
            let resolved = await BuiltinVariables.resolve(
                referenced, checklistDirectory: absoluteFolder(of: checklist.path, workingDirectory: context.workingDirectory),
                workingDirectory: context.workingDirectory, now: context.now(), processes: context.processes, environment: context.environment
            )
            builtins[checklist.path] = resolved.values
            problems.merge(resolved.problems) { first, _ in first }
        }
        let plans = try RunPlanner.plan(checklists, sources: sources, builtins: builtins, builtinProblems: problems, options: options)
        var redactor = Redactor(secrets: sources.secretValues)
        for plan in plans { redactor.add(plan.scope.secretValues) }
        return plans.flatMap { plan in
            plan.items.indices.flatMap { itemIndex -> [PlannedStep] in
                let item = plan.items[itemIndex].item
                if item.state == .na {
                    return item.probes.map { spec in
                        PlannedStep(
                            checklistPath: plan.checklist.path, itemID: item.id, itemText: item.text, line: spec.position.line,
                            kind: spec.kind, summary: redactor.redact(spec.arguments.map(\.value).joined(separator: " ")),
                            timeout: .zero, attempts: 0, when: nil, needs: [], notApplicable: true
                        )
                    }
                }
                return plan.probes.filter { $0.item == itemIndex }.map { probe in
                    PlannedStep(
                        checklistPath: plan.checklist.path, itemID: item.id, itemText: item.text, line: probe.decoded.spec.position.line,
                        kind: probe.decoded.spec.kind, summary: redactor.redact(probe.decoded.configuration.summary),
                        timeout: probe.timeout, attempts: probe.retry.attempts, when: probe.when.map(redactor.redact),
                        needs: probe.needs.map { plan.items[$0].item.id }
                    )
                }
            }
        }
    }
}
