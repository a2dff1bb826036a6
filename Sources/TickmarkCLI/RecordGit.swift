import Foundation
import TickmarkProbes
import TickmarkReport

/// The git commit and branch a run record names in its environment.
///
/// A checklist's probes ask git only for the built-ins they use (`${git.head}`,
/// `${git.branch}`); a record needs both whatever the checklist uses, so that a report over a
/// release's records names every commit and branch it ran on. Values the run already has are
/// taken as they are (a detached HEAD's branch is CI's, as for `${git.branch}`).
enum RecordGit {
    /// A lookup started before the probes run, so that git answers while they do instead of
    /// after them. It names the commit and branch the run started on.
    struct Lookup: Sendable {
        fileprivate let task: Task<[String: String], Never>

        /// The commit and branch for the record of `checklists`: the run's own values first.
        func environment(of checklists: [ChecklistOutcome]) async -> (commit: String?, branch: String?) {
            let known = checklists.first?.variables ?? []
            let resolved = await task.value
            return (known.first { $0.name == "git.head" }?.value ?? resolved["git.head"],
                    known.first { $0.name == "git.branch" }?.value ?? resolved["git.branch"])
        }
    }

    /// Starts asking git, in `folder`, for the commit and branch.
    static func start(folder: String, console: Console) -> Lookup {
        let environment = console.environment
        return Lookup(task: Task {
            await BuiltinVariables.resolve(
                ["git.head", "git.branch"], checklistDirectory: folder, workingDirectory: folder, now: Date(),
                processes: SystemProcessLauncher(), environment: environment
            ).values
        })
    }
}
