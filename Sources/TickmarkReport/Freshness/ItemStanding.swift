import Foundation
import Tickmark
import TickmarkProbes

/// Where an item stands now, judged from run records alone (`tickmark status`).
package struct ItemStanding: Sendable {
    /// The standing, in the words `status` prints.
    package enum State: String, Sendable {
        /// Backed by evidence that still counts.
        case done
        /// Backed, but the evidence runs out within its `warn:` time.
        case expiring
        /// The evidence that backed it is older than `fresh:` allows.
        case stale
        /// Nothing backs it yet: not run, or no sign-off.
        case waiting
        /// Its last result failed or errored, or it was rejected.
        case failing
        /// Not applicable.
        case na

        /// Whether the item counts as done.
        package var counts: Bool { self == .done || self == .expiring || self == .na }
    }

    /// What backs an item: a run's probe results, a person's sign-off, or a tick in the file.
    package struct Backing: Sendable {
        /// Which kind of evidence.
        package enum Kind: String, Sendable { case probes, signOff = "sign-off", tick }
        package var kind: Kind
        /// The record holding it (none for a tick in the file).
        package var record: String?
        /// When the evidence was made: the probes' end, or the sign-off's time.
        package var at: Date?
        /// Who signed off, for a sign-off.
        package var by: String?
        /// The role they signed in.
        package var role: String?
        /// The probes that ran, as `kind summary`.
        package var probes: [String] = []
    }

    /// The item as the checklist has it now.
    package var id: String
    package var text: String
    package var line: Int
    package var severity: ItemSeverity
    package var parent: String?
    package var depth: Int
    package var state: State
    /// One line saying why, with ages: "backup check passed 8 days ago; fresh: 7d".
    package var reason: String
    /// What backs it (or backed it, when stale or failing).
    package var backing: Backing?
    /// When the evidence stops counting, if it ages.
    package var expiresAt: Date?
    /// The rule that applies, if any.
    package var freshness: Freshness
    /// Whether it keeps the checklist from GO.
    package var blocking: Bool { severity == .blocking && !state.counts }
}

/// One checklist's standing now.
package struct ChecklistStanding: Sendable {
    package var path: String
    package var id: String
    package var title: String?
    package var items: [ItemStanding]
    /// Requirements (`requires:`) and whether each is GO now, with why not.
    package var requirements: [(id: String, go: Bool, reason: String)]
    /// The time the standing was judged at.
    package var at: Date

    /// GO when no blocking item is left and every requirement is GO.
    package var decision: Decision {
        items.contains(where: \.blocking) || requirements.contains(where: { !$0.go }) ? .noGo : .go
    }

    /// One line per blocker: `id (line N): reason`, then unmet requirements.
    package var blockers: [String] {
        items.filter(\.blocking).map { "\($0.id) (line \($0.line)): \($0.reason)" }
            + requirements.filter { !$0.go }.map { "requires '\($0.id)' to be GO: \($0.reason)" }
    }

    /// The soonest time a done item's evidence runs out.
    package var nextExpiry: (item: ItemStanding, at: Date)? {
        items.filter { $0.state.counts }.compactMap { item in item.expiresAt.map { (item, $0) } }.min { $0.1 < $1.1 }
    }
}
