import Foundation
import Testing

/// The external corpus of real checklists from public repositories, with the task counts
/// cmark-gfm gives for each: the folder named by the environment variable `TICKMARK_CORPUS`,
/// holding `files/`, `oracle.tsv` and `SOURCES.tsv`. It is not part of the repository; the tests
/// that read it are skipped when the variable is not set.
enum Corpus {
    /// One row of `oracle.tsv`.
    struct Counts: Equatable {
        var tasks: Int
        var checked: Int
        var unchecked: Int
    }

    static let variable = "TICKMARK_CORPUS"

    /// Why a corpus test did not run.
    static let skipReason: Comment = "set TICKMARK_CORPUS to the corpus folder to run this"

    /// The corpus folder, when `TICKMARK_CORPUS` names one.
    static var folder: String? {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else { return nil }
        return value
    }

    /// The corpus file names, sorted; empty when the variable is not set or names no corpus.
    static let fileNames: [String] = {
        guard let folder else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/files")) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted()
    }()

    /// `oracle.tsv` by file name.
    static func oracle() throws -> [String: Counts] {
        let text = try String(contentsOfFile: try requireFolder() + "/oracle.tsv", encoding: .utf8)
        var rows: [String: Counts] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            try #require(fields.count == 4, "oracle.tsv row has \(fields.count) fields: \(line)")
            let numbers = try fields[1...].map { try #require(Int($0), "not a number in oracle.tsv: \($0)") }
            rows[String(fields[0])] = Counts(tasks: numbers[0], checked: numbers[1], unchecked: numbers[2])
        }
        return rows
    }

    static func path(of name: String) throws -> String {
        try requireFolder() + "/files/" + name
    }

    private static func requireFolder() throws -> String {
        try #require(folder, "\(variable) is not set")
    }
}
