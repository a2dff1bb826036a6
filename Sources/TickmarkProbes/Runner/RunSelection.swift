import Tickmark

/// `--only` and `--section` must each select something: a selector that matches no item is a
/// typo, and a run of nothing must not open a gate (exit 2).
package enum RunSelection {
    /// Throws a usage error naming each `--only` id and `--section` name that matches no item of
    /// `checklists`, with the closest one that does.
    package static func check(_ checklists: [Checklist], options: RunOptions) throws(TickmarkError) {
        guard !options.only.isEmpty || !options.sections.isEmpty else { return }
        var ids: [String] = []
        var sections: [String] = []
        for checklist in checklists {
            for item in checklist.allItems {
                ids.append(item.id)
                for name in item.section where !sections.contains(name) { sections.append(name) }
            }
        }
        let knownIDs = Set(ids)
        var problems: [String] = []
        for id in options.only where !knownIDs.contains(id) {
            var problem = "--only '\(id)' matches no item"
            if let suggestion = Suggestion.closest(to: id, among: ids) { problem += "; did you mean '\(suggestion)'?" }
            problems.append(problem)
        }
        for name in options.sections {
            let key = name.lowercased()
            guard !sections.contains(where: { $0.lowercased() == key || Slug.make($0) == key }) else { continue }
            var problem = "--section '\(name)' matches no heading"
            if let suggestion = Suggestion.closest(to: name, among: sections) { problem += "; did you mean '\(suggestion)'?" }
            problems.append(problem)
        }
        guard problems.isEmpty else {
            let files = checklists.map(\.path).joined(separator: ", ")
            throw TickmarkError(.usage, problems.joined(separator: "; ") + " in \(files) (see `tickmark show` for ids and headings)")
        }
        let selected = checklists.contains { !RunPlanner.select($0, options: options).isEmpty }
        guard selected else {
            throw TickmarkError(.usage, "--only and --section together select no item in \(checklists.map(\.path).joined(separator: ", "))")
        }
    }
}
