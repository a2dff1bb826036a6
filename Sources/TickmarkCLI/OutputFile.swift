import Foundation
import Tickmark

/// Where a command writes a file a user named (`report -o`, `run --junit`/`--json`,
/// `sign --output`): `-` is standard output, a device or FIFO is written through, a regular file
/// is replaced atomically; an input of the same command is never overwritten.
enum OutputFile {
    /// The name that stands for standard output.
    static let standardOutput = "-"

    /// Throws (exit 2) when `output` names the same file as one of `inputs` (paths relative to
    /// `base`), so that writing it would destroy what the command reads.
    static func refuseInput(_ output: String?, option: String, inputs: [String], base: String) throws(TickmarkError) {
        guard let output, output != standardOutput else { return }
        guard let written = identity(CommandPaths.absolute(output, base: base)) else { return }
        for input in inputs where identity(CommandPaths.absolute(input, base: base)) == written {
            throw TickmarkError(
                .usage, "\(option) \(output) would overwrite \(input), which this command reads; write the output to another file",
                path: output
            )
        }
    }

    /// Writes `bytes` to `output`: standard output for `-`, otherwise the file (folders created).
    static func write(_ bytes: [UInt8], to output: String, console: Console) throws(TickmarkError) {
        if output == standardOutput {
            bytes.withUnsafeBytes { console.outBytes($0) }
            return
        }
        let path = CommandPaths.absolute(output, base: console.currentDirectory)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw TickmarkError(.cannotWrite, "cannot create the folder: \(error.localizedDescription)", path: output)
            }
        }
        try AtomicFile.replace(path: path, expected: nil, with: bytes)
    }

    /// The device and inode of the regular file at `path` (links followed), `nil` when there is
    /// none.
    private static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }
}
