import Foundation
import Tickmark
import TickmarkProbes

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

    /// The default record path: `<records folder>/runs/<id>-<UTC timestamp>.json` (`run-…` for
    /// several checklists), with `-2`, `-3`… before `.json` for the `number`th record of the
    /// same second.
    package static func defaultPath(ids: [String], at date: Date, in folder: String = RecordsFolder.defaultPath, number: Int = 1) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let name = ids.count == 1 ? fileName(ids[0]) : "run"
        let suffix = number > 1 ? "-\(number)" : ""
        return "\(folder)/\(RecordsFolder.runsSubfolder)/\(name)-\(formatter.string(from: date))\(suffix).json"
    }

    /// `id` as one file name: `/`, `\\` and control characters become `_`, as does a leading
    /// `.`, so that no id (even one lint would refuse) leads out of the records folder.
    static func fileName(_ id: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in id.unicodeScalars {
            let unsafe = scalar == "/" || scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F
            scalars.append(unsafe || (scalars.isEmpty && scalar == ".") ? "_" : scalar)
        }
        let name = String(scalars)
        return name.isEmpty ? "checklist" : String(name.prefix(200))
    }

    /// Writes the record to a new file at the default path in the records folder `folder`
    /// (relative to `base`), never replacing an existing record: when that name is taken (a run
    /// in the same second), the next free `-2`, `-3`… name is claimed atomically. Returns the
    /// path as `defaultPath` spells it.
    package func writeNew(ids: [String], at date: Date, in folder: String, base: String) throws(TickmarkError) -> String {
        for number in 1...10_000 {
            let path = Self.defaultPath(ids: ids, at: date, in: folder, number: number)
            let absolute = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
            let parent = (absolute as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw TickmarkError(.cannotWrite, "cannot create the folder for the record: \(error.localizedDescription)", path: path)
            }
            let descriptor = open(absolute, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
            if descriptor < 0 {
                if errno == EEXIST { continue }
                throw TickmarkError(.cannotWrite, "cannot create the record: \(String(cString: strerror(errno)))", path: path)
            }
            close(descriptor)
            do {
                try write(to: absolute, expected: [])
            } catch {
                unlink(absolute)
                throw error
            }
            return path
        }
        throw TickmarkError(.cannotWrite, "every record name for this second is taken", path: Self.defaultPath(ids: ids, at: date, in: folder))
    }
}
