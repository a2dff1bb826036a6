import Tickmark

/// The `fresh:` time of each manual item of a recorded checklist, read from the checklist text
/// the record holds; empty when that text says nothing of freshness (most checklists), so
/// records without it are judged exactly as before.
struct RecordedFreshness {
    private var fresh: [String: Duration] = [:]

    init(_ checklist: RunRecord.ChecklistRecord) {
        if let text = checklist.source, !text.containsBytes("fresh") { return }
        guard let bytes = checklist.sourceBytes else { return }
        let parsed = ChecklistParser.parse(bytes, path: checklist.path)
        parsed.forEachItem { item in
            if item.isManual, let value = item.freshness(defaults: parsed.defaults).fresh { fresh[item.id] = value }
        }
    }

    /// The `fresh:` time of the manual item `id`, if it has one.
    func fresh(of id: String) -> Duration? { fresh[id] }
}
