import Foundation
import Tickmark

/// How `tickmark run` runs: selection, concurrency, strictness, limits.
package struct RunOptions: Sendable {
    /// Probes running at once (`--jobs`, default 8), besides the network probes.
    package var jobs: Int = 8
    /// `http`, `tcp` and `tls` probes running at once: they wait on the network, not the CPU, so
    /// they do not queue behind `jobs` (`--jobs` sets both; default 256).
    package var networkJobs: Int = 256
    /// Stop starting probes after the first blocking failure (`--fail-fast`).
    package var failFast = false
    /// Manual items count only with a sign-off, not a tick (`--strict`).
    package var strict = false
    /// A ticked box not backed by this run's evidence or a valid sign-off makes the run NO-GO (`--check`).
    package var check = false
    /// Only these item ids (and their children) (`--only`).
    package var only: [String] = []
    /// Only items under a heading with one of these names or slugs (`--section`).
    package var sections: [String] = []
    /// Leave manual items out: only probe items run and count (`--probes-only`, for CI gates on
    /// templates whose manual items are ticked elsewhere, such as a pull request's body).
    package var probesOnly = false
    /// Limit for the whole run (`--timeout`).
    package var runTimeout: Duration?
    /// Timeout of one probe attempt when neither the probe nor the checklist says (30 s).
    package var defaultTimeout: Duration = .seconds(30)
    /// Sign-offs known from earlier (carried over from a record).
    package var signOffs: [SignOff] = []
    /// Decides manual items with approval rules (the roster and signatures live outside the runner).
    package var approvals: (any ApprovalJudging)?
    /// Checklists (by path) whose boxes a person ticks elsewhere than in a file, a pull request's
    /// body: path → that person (`@login`). Their ticked manual items are that person's claims.
    package var claimants: [String: String] = [:]
    /// Whether a probe is tried again as its `retry` says; `watch` turns it off, as each round is
    /// one try and the next round is the retry (a probe's timeout still applies).
    package var retries = true
    /// Whether `requires:` is checked; `watch` turns it off, as requirements belong to the gate
    /// before the watch.
    package var checksRequirements = true

    /// Default options.
    package init() {}
}

/// Something the CLI may show while a run goes on.
package enum RunEvent: Sendable {
    /// A checklist's probes are about to start; `items` are its selected items in document order
    /// (the `item` numbers of the other events index them). Checklists a run `requires` start first.
    case checklistStarted(checklist: Int, items: [ChecklistItem])
    /// A probe attempt started.
    case probeStarted(checklist: Int, item: Int, label: String)
    /// An item has its own result: all its probes finished (at once for manual and N/A items).
    /// Its `satisfied` and `blocks` are not settled yet: they depend on its children.
    case itemFinished(checklist: Int, item: Int, outcome: ItemOutcome)
}

/// A problem that stops a run before any probe starts: undefined variable, invalid probe after
/// substitution, unknown `needs`, dependency cycle, or a checklist with errors.
package struct RunPlanError: Error, Sendable {
    /// The problems, as diagnostics with file and position.
    package var diagnostics: [Diagnostic]
}
