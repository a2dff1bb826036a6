import Foundation
import Testing

/// The task items the real `cmark-gfm` command finds in a file: the reference Tickmark is checked against.
struct CmarkOracle {
    /// One `<tasklist>` element: where its list marker starts, and cmark-gfm's `completed` flag.
    struct Task: Hashable, Comparable, CustomStringConvertible {
        var line: Int
        var column: Int
        var checked: Bool

        static func < (left: Task, right: Task) -> Bool {
            (left.line, left.column) < (right.line, right.column)
        }

        var description: String { "\(line):\(column)\(checked ? " [x]" : " [ ]")" }
    }

    /// The `cmark-gfm` executable on `PATH`, if any.
    static let executable: String? = {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return (folders.map { "\($0)/cmark-gfm" } + ["/usr/bin/cmark-gfm"]).first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()

    /// Runs `cmark-gfm -e tasklist --sourcepos -t xml path` and returns its task items in document order.
    static func tasks(inFile path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Task] {
        let executable = try #require(
            executable, "cmark-gfm is not installed (Debian package cmark-gfm; scripts/setup.sh installs it)",
            sourceLocation: sourceLocation
        )
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-e", "tasklist", "--sourcepos", "-t", "xml", path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "cmark-gfm failed on \(path)", sourceLocation: sourceLocation)
        return try tasks(inXML: String(decoding: data, as: UTF8.self), sourceLocation: sourceLocation)
    }

    /// The `<tasklist sourcepos="L:C-…" completed="…">` elements of cmark-gfm's XML output.
    static func tasks(inXML xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Task] {
        var found: [Task] = []
        var rest = xml[...]
        while let open = rest.range(of: "<tasklist ") {
            let tagEnd = try #require(rest[open.upperBound...].firstIndex(of: ">"), sourceLocation: sourceLocation)
            let tag = rest[open.upperBound..<tagEnd]
            let sourcepos = try #require(attribute("sourcepos", in: tag), "no sourcepos in <tasklist \(tag)>", sourceLocation: sourceLocation)
            let completed = try #require(attribute("completed", in: tag), "no completed in <tasklist \(tag)>", sourceLocation: sourceLocation)
            let start = sourcepos.split(separator: "-").first?.split(separator: ":").compactMap { Int($0) } ?? []
            try #require(start.count == 2, "unreadable sourcepos \(sourcepos)", sourceLocation: sourceLocation)
            try #require(["true", "false"].contains(completed), "unexpected completed=\(completed)", sourceLocation: sourceLocation)
            found.append(Task(line: start[0], column: start[1], checked: completed == "true"))
            rest = rest[tagEnd...]
        }
        return found
    }

    private static func attribute(_ name: String, in tag: Substring) -> Substring? {
        guard let key = tag.range(of: " \(name)=\"") ?? (tag.hasPrefix("\(name)=\"") ? tag.range(of: "\(name)=\"") : nil),
              let close = tag[key.upperBound...].firstIndex(of: "\"") else { return nil }
        return tag[key.upperBound..<close]
    }
}

/// `shared/corpus`: real checklists from public repositories, and the task counts cmark-gfm gives for each.
enum Corpus {
    /// One row of `oracle.tsv`.
    struct Counts: Equatable {
        var tasks: Int
        var checked: Int
        var unchecked: Int
    }

    static var folder: String? { Fixtures.sharedFolder.map { $0 + "/corpus" } }

    /// The corpus file names, sorted; empty when `shared/` is missing (a separate test fails then).
    static let fileNames: [String] = {
        guard let folder else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/files")) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted()
    }()

    /// `oracle.tsv` by file name.
    static func oracle() throws -> [String: Counts] {
        let folder = try #require(folder, "shared/corpus is missing beside the checkout")
        let text = try String(contentsOfFile: folder + "/oracle.tsv", encoding: .utf8)
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
        try #require(folder, "shared/corpus is missing beside the checkout") + "/files/" + name
    }
}
