import Foundation
import Tickmark

extension ChecklistProbe {
    /// Finds the most recent run record (`tickmark.run/v1`, by `finishedAt`) that holds the
    /// checklist, anywhere in the records folder or its subfolders, and passes when its decision
    /// was GO.
    package static func execute(_ configuration: Configuration, in context: ProbeContext) async -> ProbeResult {
        let shownFolder = configuration.recordsDirectory ?? context.recordsFolder
        let folder = context.resolve(shownFolder)
        var evidence = ProbeEvidence(action: configuration.summary)
        let target = configuration.target
        let shownTarget = if case .id(let id) = target { "'\(id)'" } else { target.description }
        let names = RecordsFolder.jsonFiles(in: folder, files: context.files)
        var latest: (name: String, finished: Date, decision: String)?
        var skipped = 0
        for name in names {
            guard let record = RunRecordSummary(bytes: (try? context.files.read(folder + "/" + name)) ?? nil) else {
                skipped += 1
                continue
            }
            for entry in record.checklists where entry.matches(target, context) {
                if let current = latest, (current.finished, current.name) >= (record.finished, name) { continue }
                latest = (name, record.finished, entry.decision)
            }
        }
        let shown = Self.shown(shownFolder, in: context)
        evidence.fields.append(EvidenceField("folder", shown))
        evidence.fields.append(EvidenceField("records", String(names.count)))
        if skipped > 0 { evidence.fields.append(EvidenceField("unreadable", String(skipped))) }
        guard let latest else {
            return ProbeResult(.fail, "no run record for \(shownTarget) in \(shown)", evidence: evidence)
        }
        let file = shown == "." ? latest.name : shown + "/" + latest.name
        evidence.fields += [EvidenceField("record", file), EvidenceField("finished", ExecutionText.timestamp(latest.finished)),
                            EvidenceField("decision", latest.decision)]
        let when = "finished \(ExecutionText.timestamp(latest.finished)), \(file)"
        return latest.decision == "GO"
            ? ProbeResult(.pass, "\(shownTarget) was GO in its latest run (\(when))", evidence: evidence)
            : ProbeResult(.fail, "\(shownTarget) was \(latest.decision) in its latest run (\(when))", evidence: evidence)
    }

    /// `folder` relative to the working directory when it lies inside it, else as it is.
    static func shown(_ folder: String, in context: ProbeContext) -> String {
        let base = context.workingDirectory.hasSuffix("/") ? context.workingDirectory : context.workingDirectory + "/"
        if folder + "/" == base { return "." }
        return folder.hasPrefix(base) ? String(folder.dropFirst(base.count)) : folder
    }
}

/// The parts of a run record the `checklist` probe reads.
struct RunRecordSummary {
    struct Entry {
        var id: String?
        var path: String?
        var decision: String

        func matches(_ target: ChecklistProbe.Target, _ context: ProbeContext) -> Bool {
            switch target {
            case .id(let wanted): id == wanted
            case .path(let wanted): path.map { Self.normalized($0, context) == Self.normalized(wanted, context) } ?? false
            }
        }

        private static func normalized(_ path: String, _ context: ProbeContext) -> String {
            URL(fileURLWithPath: context.resolve(path)).standardizedFileURL.path
        }
    }

    var finished: Date
    var checklists: [Entry]

    /// Reads a record; `nil` when the bytes are not a `tickmark.run/v1` record with a finish time.
    init?(bytes: [UInt8]?) {
        guard let bytes, let record = try? JSONParser.parse(bytes), record["schema"] == .string("tickmark.run/v1"),
              case .string(let finishedText)? = record["finishedAt"], let finished = Self.date(finishedText),
              case .array(let list)? = record["checklists"] else { return nil }
        self.finished = finished
        checklists = list.compactMap { element in
            guard case .string(let decision)? = element["decision"] else { return nil }
            return Entry(id: element["id"]?.scalarText, path: element["path"]?.scalarText, decision: decision)
        }
    }

    /// An ISO 8601 date and time, with or without fractional seconds.
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
