import Foundation
import Tickmark

/// Runs the probes of checklists concurrently and decides GO / NO-GO.
///
/// Probes run in a task group bounded by `jobs`, level by level when some `needs` others; results
/// are stored by position, so the outcome is in document order whatever finished first.
package enum ProbeRunner {
    /// Plans, runs and decides. Throws before any probe starts when a checklist cannot run.
    package static func run(
        _ checklists: [Checklist], sources: VariableSources, options: RunOptions, context: ProbeContext,
        onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }
    ) async throws(RunPlanError) -> RunOutcome {
        let startedAt = context.now()
        let referenced = BuiltinVariables.referenced(in: checklists)
        var builtins: [String: [String: String]] = [:]
        var builtinProblems: [String: String] = [:]
        for checklist in checklists {
            let folder = absoluteFolder(of: checklist.path, workingDirectory: context.workingDirectory)
            let resolved = await BuiltinVariables.resolve(
                referenced, checklistDirectory: folder, workingDirectory: context.workingDirectory,
                now: startedAt, processes: context.processes, environment: context.environment
            )
            builtins[checklist.path] = resolved.values
            builtinProblems.merge(resolved.problems) { first, _ in first }
        }
        let plans = try RunPlanner.plan(checklists, sources: sources, builtins: builtins, builtinProblems: builtinProblems, options: options)
        var redactor = Redactor(secrets: sources.secretValues)
        for plan in plans { redactor.add(plan.scope.secretValues) }
        let store = ResultStore()
        let deadline = options.runTimeout.map { ContinuousClock.now + $0 }

        var outcomes = [ChecklistOutcome?](repeating: nil, count: plans.count)
        for index in executionOrder(plans) {
            let plan = plans[index]
            onEvent(.checklistStarted(checklist: index, items: plan.items.map(\.item)))
            // Manual and N/A items have their result before any probe runs.
            let probed = Set(plan.probes.map(\.item))
            // An approval that must follow a probe item (`after=`) waits for the probes.
            let followsProbes = plan.items.indices.filter { !probed.contains($0) && Verdict.followsProbeItem($0, plan: plan) }
            for itemIndex in plan.items.indices where !probed.contains(itemIndex) && !followsProbes.contains(itemIndex) {
                let outcome = Verdict.item(itemIndex, plan: plan, probes: [], options: options, now: context.now())
                onEvent(.itemFinished(checklist: index, item: itemIndex, outcome: outcome))
            }
            let levels = Set(plan.probes.map(\.level)).sorted()
            for level in levels {
                let batch = plan.probes.filter { $0.level == level }
                await runBatch(batch, plan: plan, checklistIndex: index, options: options, context: context,
                               redactor: redactor, store: store, deadline: deadline, onEvent: onEvent)
            }
            if !followsProbes.isEmpty {
                let passed = await Verdict.probeItemsPassed(plan: plan, store: store, checklistIndex: index)
                for itemIndex in followsProbes {
                    let outcome = Verdict.item(itemIndex, plan: plan, probes: [], options: options, now: context.now(), passed: passed)
                    onEvent(.itemFinished(checklist: index, item: itemIndex, outcome: outcome))
                }
            }
            var requirementResults: [(String, ProbeResult)] = []
            for (id, probe) in plan.requirements {
                if let sibling = plans.firstIndex(where: { $0.checklist.id == id }), let done = outcomes[sibling] {
                    let passed = done.decision == .go
                    requirementResults.append((id, ProbeResult(passed ? .pass : .fail, "checklist '\(id)' is \(done.decision.rawValue) in this run", evidence: ProbeEvidence(action: "checklist \(id)"))))
                } else if let probe {
                    var requirementContext = context
                    requirementContext.timeout = options.defaultTimeout
                    requirementResults.append((id, await probe.execute(in: requirementContext)))
                }
            }
            outcomes[index] = await Verdict.decide(
                plan: plan, store: store, checklistIndex: index, options: options, now: context.now(),
                requirements: requirementResults, redactor: redactor
            )
        }
        let finished = outcomes.compactMap { $0 }
        return RunOutcome(
            checklists: finished, decision: finished.allSatisfy { $0.decision == .go } ? .go : .noGo,
            startedAt: startedAt, finishedAt: context.now()
        )
    }

    /// Checklists ordered so that one another `requires` runs first (given order otherwise).
    static func executionOrder(_ plans: [PlannedChecklist]) -> [Int] {
        var order: [Int] = []
        var remaining = Array(plans.indices)
        while !remaining.isEmpty {
            let ready = remaining.first { index in
                plans[index].requirements.allSatisfy { requirement in
                    guard let sibling = plans.firstIndex(where: { $0.checklist.id == requirement.id }) else { return true }
                    return order.contains(sibling) || sibling == index
                }
            } ?? remaining[0]
            order.append(ready)
            remaining.removeAll { $0 == ready }
        }
        return order
    }

    static func absoluteFolder(of path: String, workingDirectory: String) -> String {
        let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        let url = URL(fileURLWithPath: absolute).standardizedFileURL.deletingLastPathComponent()
        return url.path
    }

    private static func runBatch(
        _ batch: [PlannedProbe], plan: PlannedChecklist, checklistIndex: Int, options: RunOptions, context: ProbeContext,
        redactor: Redactor, store: ResultStore, deadline: ContinuousClock.Instant?, onEvent: @escaping @Sendable (RunEvent) -> Void
    ) async {
        // Two lanes: probes that wait on the network, and the others (processes, files), each with its limit.
        let lanes = RunOptions.lanes(of: batch.map(\.decoded.spec.kind))
        let limits = [max(1, options.jobs), max(1, options.networkJobs)]
        await withTaskGroup(of: Int.self) { group in
            var next = [0, 0]
            var running = [0, 0]
            func start(lane: Int) {
                let probe = batch[lanes[lane][next[lane]]]
                next[lane] += 1
                running[lane] += 1
                group.addTask {
                    let outcome = await execute(probe, plan: plan, options: options, context: context, redactor: redactor,
                                                store: store, deadline: deadline, onEvent: onEvent)
                    let itemDone = await store.record(outcome, checklist: checklistIndex, item: probe.item, index: probe.index,
                                                      expected: plan.items[probe.item].item.probes.count,
                                                      blocking: plan.items[probe.item].item.severity == .blocking && !probe.decoded.common.advisory)
                    if itemDone {
                        let probes = await store.outcomes(checklist: checklistIndex, item: probe.item, count: plan.items[probe.item].item.probes.count)
                        let outcome = Verdict.item(probe.item, plan: plan, probes: probes, options: options, now: context.now())
                        onEvent(.itemFinished(checklist: checklistIndex, item: probe.item, outcome: outcome))
                    }
                    return lane
                }
            }
            func fill() {
                for lane in 0..<2 {
                    while running[lane] < limits[lane], next[lane] < lanes[lane].count { start(lane: lane) }
                }
            }
            fill()
            while let lane = await group.next() {
                running[lane] -= 1
                fill()
            }
        }
    }

    private static func execute(
        _ probe: PlannedProbe, plan: PlannedChecklist, options: RunOptions, context: ProbeContext, redactor: Redactor,
        store: ResultStore, deadline: ContinuousClock.Instant?, onEvent: @Sendable (RunEvent) -> Void
    ) async -> ProbeOutcome {
        let startedAt = context.now()
        let clockStart = ContinuousClock.now
        let summary = redactor.redact(probe.decoded.configuration.summary)
        func finish(_ result: ProbeResult, attempts: Int) -> ProbeOutcome {
            var redacted = result
            redacted.reason = redactor.redact(result.reason)
            redacted.evidence.action = redactor.redact(result.evidence.action)
            redacted.evidence.output = redactor.redactCut(result.evidence.output)
            redacted.evidence.fields = result.evidence.fields.map { EvidenceField($0.name, redactor.redact($0.value)) }
            return ProbeOutcome(
                kind: probe.decoded.spec.kind, position: probe.decoded.spec.position, summary: summary, result: redacted,
                attempts: attempts, startedAt: startedAt, duration: ContinuousClock.now - clockStart,
                advisory: probe.decoded.common.advisory
            )
        }
        let skipEvidence = ProbeEvidence(action: summary)
        if let when = probe.when, let condition = ProbeCondition.parse(when), !condition.evaluate() {
            return finish(ProbeResult(.skipped, "skipped: when `\(when)` is false", evidence: skipEvidence), attempts: 0)
        }
        for need in probe.needs {
            let passed = await store.itemPassed(checklist: probe.checklist, item: need, plan: plan, options: options, now: context.now())
            if !passed {
                return finish(ProbeResult(.skipped, CheckedRule.unmetNeedsReason(plan.items[need].item.id), evidence: skipEvidence), attempts: 0)
            }
        }
        var attempt = 0
        var last = ProbeResult(.error, "not run", evidence: skipEvidence)
        while attempt < probe.retry.attempts {
            if options.failFast, await store.failFastTriggered {
                return finish(ProbeResult(.skipped, "skipped: --fail-fast after an earlier failure", evidence: skipEvidence), attempts: attempt)
            }
            var timeout = probe.timeout
            if let deadline {
                let remaining = deadline - ContinuousClock.now
                if remaining <= .zero {
                    return finish(ProbeResult(.error, "not run: the run's --timeout was reached", evidence: skipEvidence), attempts: attempt)
                }
                timeout = min(timeout, remaining)
            }
            attempt += 1
            onEvent(.probeStarted(checklist: probe.checklist, item: probe.item, label: summary))
            var attemptContext = context
            attemptContext.timeout = timeout
            attemptContext.workingDirectory = context.workingDirectory
            last = await probe.decoded.execute(in: attemptContext)
            if last.status == .pass || last.status == .skipped { break }
            if let why = last.notRetriedBecause {
                if attempt < probe.retry.attempts { last.reason += " (not retried: \(why))" }
                break
            }
            if attempt < probe.retry.attempts {
                var pause = probe.retry.interval
                if let deadline { pause = min(pause, max(.zero, deadline - ContinuousClock.now)) }
                try? await Task.sleep(for: pause)
            }
        }
        if attempt > 1, last.status != .pass {
            last.reason += " (after \(attempt) attempts)"
        }
        return finish(last, attempts: attempt)
    }
}
