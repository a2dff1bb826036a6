import Foundation
import Tickmark

extension RunRecord {
    /// Reads a record file.
    package static func load(_ path: String) throws(TickmarkError) -> RunRecord {
        try decode(ChecklistFile.readBytes(path), path: path)
    }

    /// Writes the record atomically, creating folders; `expected` guards against concurrent changes.
    package func write(to path: String, expected: [UInt8]? = nil) throws(TickmarkError) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw TickmarkError(.cannotWrite, "cannot create the folder for the record: \(error.localizedDescription)", path: path)
            }
        }
        try AtomicFile.replace(path: path, expected: expected, with: jsonBytes())
    }

    /// The default record path: `.tickmark/runs/<id>-<UTC timestamp>.json`.
    package static func defaultPath(ids: [String], at date: Date, in folder: String = ".tickmark/runs") -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let name = ids.count == 1 ? ids[0] : "run"
        return "\(folder)/\(name)-\(formatter.string(from: date)).json"
    }
}
