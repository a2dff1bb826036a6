/// How long evidence counts (SPEC §7): a probe result or a sign-off older than `fresh` no longer
/// counts, and within `warn` of that age it is shown as expiring.
///
/// Written `fresh: 7d` on a probe (`fresh=7d` inline, `fresh: 7d` in a block), as an item's own
/// code span `` `fresh: 7d warn: 1d` ``, or in front matter `defaults: { fresh: 7d, warn: 1d }`.
/// A probe's value wins over its item's, which wins over the defaults.
public struct Freshness: Sendable, Hashable {
    /// The age past which evidence no longer counts; `nil`: evidence never ages.
    public var fresh: Duration?
    /// How long before `fresh` runs out evidence is shown as expiring.
    public var warn: Duration?

    /// Creates a freshness rule.
    public init(fresh: Duration? = nil, warn: Duration? = nil) {
        self.fresh = fresh
        self.warn = warn
    }

    /// Whether neither value is set.
    public var isEmpty: Bool { fresh == nil && warn == nil }

    /// These values, each falling back on `fallback`'s where not set.
    public func over(_ fallback: Freshness) -> Freshness {
        Freshness(fresh: fresh ?? fallback.fresh, warn: warn ?? fallback.warn)
    }
}

extension ProbeDefaults {
    /// The front matter's `fresh` and `warn` defaults.
    public var freshness: Freshness {
        get { Freshness(fresh: fresh, warn: warn) }
        set { (fresh, warn) = (newValue.fresh, newValue.warn) }
    }
}
