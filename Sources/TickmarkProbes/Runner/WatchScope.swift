import Foundation
import Tickmark

/// What a watch re-runs and what it leaves to the gate before it (SPEC §5): a watch re-runs probe
/// items only; manual items and `requires:` were decided when the release was let through.
package struct WatchScope: Sendable, Equatable {
    /// Selected items with probes that are not N/A: what each round runs.
    package var probeItems = 0
    /// Selected items without probes: not part of the watch.
    package var manualItems = 0
    /// The checklists' `requires:`, without duplicates: not part of the watch.
    package var requirements: [String] = []

    /// The scope of a watch of `checklists` with the selection (`--section`, `--only`) of `options`.
    package init(_ checklists: [Checklist], options: RunOptions) {
        var selection = options
        selection.probesOnly = false
        for checklist in checklists {
            for planned in RunPlanner.select(checklist, options: selection) {
                if planned.item.probes.isEmpty {
                    manualItems += 1
                } else if planned.item.state != .na {
                    probeItems += 1
                }
            }
            for id in checklist.requires where !requirements.contains(id) { requirements.append(id) }
        }
    }

    /// The options a watch's rounds run with: probe items only, no retries, no requirements.
    package static func roundOptions(_ options: RunOptions) -> RunOptions {
        var round = options
        round.probesOnly = true
        round.retries = false
        round.checksRequirements = false
        return round
    }

    /// `1 manual item, requires: production-readiness`, or nil when the watch leaves nothing out.
    package var leftOut: String? {
        var parts: [String] = []
        if manualItems > 0 { parts.append("\(manualItems) manual item\(manualItems == 1 ? "" : "s")") }
        if !requirements.isEmpty { parts.append("requires: " + requirements.joined(separator: ", ")) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
