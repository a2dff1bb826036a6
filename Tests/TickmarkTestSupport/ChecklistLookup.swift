import Testing
import Tickmark

extension Checklist {
    /// The item with `id`, recording an issue when there is none.
    public func item(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) -> ChecklistItem? {
        let found = allItems.first { $0.id == id }
        if found == nil {
            Issue.record("no item \(id); ids: \(allItems.map(\.id))", sourceLocation: sourceLocation)
        }
        return found
    }

    /// Diagnostic ids, in order.
    public var diagnosticIDs: [String] { diagnostics.map(\.id.rawValue) }
}
