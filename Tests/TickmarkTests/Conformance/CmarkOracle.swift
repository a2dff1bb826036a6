import Foundation
import Testing
import TickmarkTestSupport

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
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return folders.map { "\($0)/cmark-gfm" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The extensions Tickmark's parser enables, so that both read the same GitHub-flavored Markdown.
    static let extensions = ["tasklist", "table", "strikethrough", "autolink"]

    /// Runs `cmark-gfm -e tasklist -e table … --sourcepos -t xml path` and returns its task items in document order.
    static func tasks(inFile path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Task] {
        let executable = try #require(
            executable, "cmark-gfm is not on PATH: run scripts/setup.sh, which installs the Debian package cmark-gfm",
            sourceLocation: sourceLocation
        )
        let result = try TickmarkTestSupport.run(executable, extensions.flatMap { ["-e", $0] } + ["--sourcepos", "-t", "xml", path])
        #expect(result.status == 0, "cmark-gfm failed on \(path): \(result.errors)", sourceLocation: sourceLocation)
        return try tasks(inXML: result.output, sourceLocation: sourceLocation)
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
