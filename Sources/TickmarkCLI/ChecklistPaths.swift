import Foundation
import Tickmark

/// Expands the paths a user passes (files or folders) into checklist files.
enum ChecklistPaths {
    /// Folders never searched for checklists.
    static let skippedFolders: Set<String> = ["node_modules", ".git", ".build", ".swiftpm", ".tickmark"]

    /// Files as given; folders searched recursively for `*.md` and `*.markdown`, sorted.
    static func expand(_ paths: [String]) throws(TickmarkError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw TickmarkError(.unreadable, "no such file or folder", path: path)
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            files.append(contentsOf: markdownFiles(in: path))
        }
        return files
    }

    private static func markdownFiles(in folder: String) -> [String] {
        var found: [String] = []
        var pending = [folder]
        while let current = pending.popLast() {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: current) else { continue }
            for name in names.sorted() {
                let path = current.hasSuffix("/") ? current + name : current + "/" + name
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    if !skippedFolders.contains(name), !name.hasPrefix(".build"), !(name.hasPrefix(".") && name != ".github") {
                        pending.append(path)
                    }
                } else if name.hasSuffix(".md") || name.hasSuffix(".markdown") {
                    found.append(path)
                }
            }
        }
        return found.sorted()
    }
}
