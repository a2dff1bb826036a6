import Tickmark

/// Ticks and unticks probe boxes in a pull request body through the API, without overwriting
/// what a person wrote meanwhile.
///
/// GitHub offers no precondition (no ETag, no `If-Match`) for a pull request's body, so the
/// writer narrows the race instead of closing it:
///
/// 1. It re-reads the body just before writing, so edits made while the probes ran are kept;
/// 2. plans the box edits on that text (items matched by id and content, `PullRequestBoxPlan`)
///    and sends it at once (`PATCH`), so only one round trip separates the read from the write;
/// 3. reads the body back. If it is not what GitHub stored for the `PATCH`, a person saved in
///    between: their text is what GitHub holds now, and the writer plans again on it (nothing to
///    do when the boxes survived their edit).
///
/// It gives up after `maximumAttempts` writes with the body as the person left it. What remains
/// is a save that reaches GitHub between the writer's last read and its `PATCH`: that one is
/// overwritten (GitHub keeps it in the description's edit history).
struct PullRequestBodyWriter: Sendable {
    /// The client.
    var api: GitHubAPI
    /// The pull request.
    var number: Int
    /// The name of its body (`github:pr#12`).
    var path: String
    /// Writes tried before giving up.
    var maximumAttempts = 5

    /// What the writer did.
    struct Report: Sendable, Equatable {
        /// Boxes changed by the last write (0: the body already said what the run found).
        var boxesChanged: Int
        /// `PATCH` requests sent.
        var writes: Int
        /// Whether the body had changed since the run read it.
        var bodyChangedSinceRead: Bool
        /// Items not edited because they are gone or changed in the current text.
        var leftAlone: [PullRequestBoxPlan.Target]
    }

    /// Brings the boxes of `targets` to their state in the current body; `readText` is the body
    /// the run read.
    func write(_ targets: [PullRequestBoxPlan.Target], readText: String) async throws(TickmarkError) -> Report {
        var current = try await api.pullRequest(number).body
        let changedSinceRead = current != readText
        var writes = 0
        var lastWritten = 0
        while true {
            let plan = PullRequestBoxPlan(text: current, path: path, targets: targets)
            if plan.edits.isEmpty {
                // After a write, the boxes survived a person's later edit: they are that write's.
                return Report(boxesChanged: lastWritten, writes: writes, bodyChangedSinceRead: changedSinceRead || writes > 0, leftAlone: plan.leftAlone)
            }
            guard writes < maximumAttempts else {
                throw TickmarkError(.conflict, PullRequestMessages.gaveUp(attempts: writes, boxes: plan.edits.count), path: path)
            }
            writes += 1
            lastWritten = plan.edits.count
            let stored = try await api.updateBody(number, to: plan.updated).body
            let readBack = try await api.pullRequest(number).body
            if readBack == stored {
                return Report(boxesChanged: plan.edits.count, writes: writes, bodyChangedSinceRead: changedSinceRead || writes > 1, leftAlone: plan.leftAlone)
            }
            current = readBack
        }
    }
}
