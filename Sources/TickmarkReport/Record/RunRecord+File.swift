import Foundation
import Tickmark

extension RunRecord {
    /// The record as deterministic JSON (sorted keys, ISO-8601 dates in UTC, two-space indent).
    public func jsonBytes() throws(TickmarkError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RunRecord.timestamp(date))
        }
        do {
            return Array(try encoder.encode(self)) + [0x0A]
        } catch {
            throw TickmarkError(.invalidInput, "cannot encode the run record: \(error)")
        }
    }

    /// Reads a record file.
    public static func load(_ path: String) throws(TickmarkError) -> RunRecord {
        try decode(ChecklistFile.readBytes(path), path: path)
    }

    /// Decodes a record from the bytes of the file at `path` (named in errors).
    public static func decode(_ bytes: [UInt8], path: String) throws(TickmarkError) -> RunRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RunRecord.parseTimestamp(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO-8601 time")
            }
            return date
        }
        do {
            let record = try decoder.decode(RunRecord.self, from: Data(bytes))
            guard record.schema == schemaID else {
                throw TickmarkError(.invalidInput, "is a '\(record.schema)' file, not a Tickmark run record (\(schemaID))", path: path)
            }
            return record
        } catch let error as TickmarkError {
            throw error
        } catch let DecodingError.dataCorrupted(context) {
            throw TickmarkError(.invalidInput, "is not a valid run record: \(context.debugDescription)", path: path)
        } catch let DecodingError.keyNotFound(key, context) {
            throw TickmarkError(.invalidInput, "is not a valid run record: '\(key.stringValue)' is missing at \(pathText(context))", path: path)
        } catch let DecodingError.typeMismatch(_, context) {
            throw TickmarkError(.invalidInput, "is not a valid run record: wrong type at \(pathText(context))", path: path)
        } catch {
            throw TickmarkError(.invalidInput, "is not a valid run record: \(error)", path: path)
        }
    }

    private static func pathText(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "the top level" : path
    }

    /// Writes the record atomically, creating folders; `expected` guards against concurrent changes.
    public func write(to path: String, expected: [UInt8]? = nil) throws(TickmarkError) {
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
    public static func defaultPath(ids: [String], at date: Date, in folder: String = ".tickmark/runs") -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let name = ids.count == 1 ? ids[0] : "run"
        return "\(folder)/\(name)-\(formatter.string(from: date)).json"
    }

    /// ISO-8601 in UTC with milliseconds.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Reads ISO-8601 with or without fractional seconds, and `2026-12-01T18:00Z` (no seconds).
    public static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        let short = DateFormatter()
        short.locale = Locale(identifier: "en_US_POSIX")
        short.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd'T'HH:mmXXXXX", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"] {
            short.dateFormat = format
            if let date = short.date(from: text) { return date }
        }
        return nil
    }
}
