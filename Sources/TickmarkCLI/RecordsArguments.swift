import ArgumentParser
import TickmarkProbes

/// `--records DIR`, shared by `run`, `watch` and `init`: the records folder, else
/// `TICKMARK_RECORDS`, else `.tickmark`.
struct RecordsArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The records folder: default records go to DIR/runs/, and requires: and checklist probes read every run record below it (default: TICKMARK_RECORDS, else .tickmark).",
        valueName: "dir"
    ))
    var records: String?

    /// The records folder as named (relative to the current folder when relative).
    func folder(_ console: Console) -> String {
        RecordsFolder.named(option: records, environment: console.environment)
    }

    /// The records folder as an absolute path.
    func absoluteFolder(_ console: Console) -> String {
        let folder = folder(console)
        guard !folder.hasPrefix("/") else { return folder }
        let base = console.currentDirectory
        if folder == "." { return base }
        return base.hasSuffix("/") ? base + folder : base + "/" + folder
    }
}
