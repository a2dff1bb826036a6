import Foundation

/// The one folder that holds Tickmark's run records: `.tickmark/` unless `--records DIR` or
/// `TICKMARK_RECORDS` names another. Records written by default go to its `runs/` subfolder;
/// `requires:` and the `checklist` probe read every `*.json` run record anywhere below it, so a
/// record written with `--record .tickmark/release.json` is found too.
package enum RecordsFolder {
    /// The records folder when neither `--records` nor `TICKMARK_RECORDS` names one.
    package static let defaultPath = ".tickmark"
    /// The environment variable naming the records folder.
    package static let environmentVariable = "TICKMARK_RECORDS"
    /// The subfolder the default `--record` path is in.
    package static let runsSubfolder = "runs"
    /// How deep below the records folder records are looked for.
    static let maximumDepth = 8

    /// The records folder as the user named it: `option`, else a non-empty `TICKMARK_RECORDS`,
    /// else `.tickmark`. Relative paths stay relative (to the current folder).
    package static func named(option: String?, environment: [String: String]) -> String {
        if let option, !option.isEmpty { return trimmed(option) }
        if let variable = environment[environmentVariable], !variable.isEmpty { return trimmed(variable) }
        return defaultPath
    }

    /// The paths of every `*.json` file in `folder` and its subfolders (hidden ones included),
    /// relative to `folder`, sorted.
    package static func jsonFiles(in folder: String, files: any FileReader) -> [String] {
        var found: [String] = []
        var pending: [(relative: String, depth: Int)] = [("", 0)]
        while let (relative, depth) = pending.popLast() {
            let absolute = relative.isEmpty ? folder : folder + "/" + relative
            for name in files.list(absolute) {
                let path = relative.isEmpty ? name : relative + "/" + name
                if name.hasSuffix(".json") {
                    found.append(path)
                } else if depth < maximumDepth, !files.list(absolute + "/" + name).isEmpty {
                    pending.append((path, depth + 1))
                }
            }
        }
        return found.sorted()
    }

    private static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
