import Foundation
import Tickmark

/// Expands the paths a user passes (files or folders) into checklist files.
enum ChecklistPaths {
    /// Folders never searched for checklists.
    static let skippedFolders: Set<String> = ["node_modules", ".git", ".build", ".swiftpm", ".tickmark"]

    /// Files as given; folders searched recursively for `*.md` and `*.markdown`, sorted. Relative
    /// paths are resolved against `base` (the console's folder) but returned as written.
    static func expand(_ paths: [String], base: String) throws(TickmarkError) -> [String] {
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolve(path, base: base), isDirectory: &isFolder) else {
                throw TickmarkError(.unreadable, "no such file or folder", path: path)
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            let absolute = resolve(path, base: base)
            files.append(contentsOf: markdownFiles(in: absolute).map { found in
                path.hasPrefix("/") ? found : path + found.dropFirst(absolute.count)
            })
        }
        return files
    }

    /// `path` made absolute against `base`.
    static func resolve(_ path: String, base: String) -> String {
        path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
    }

    /// Loads a checklist from `path` resolved against `base`, keeping `path` as its name.
    static func load(_ path: String, base: String) throws(TickmarkError) -> Checklist {
        var checklist: Checklist
        do {
            checklist = try ChecklistFile.load(resolve(path, base: base))
        } catch {
            var named = error
            named.path = path
            throw named
        }
        checklist.rename(to: path)
        return checklist
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
