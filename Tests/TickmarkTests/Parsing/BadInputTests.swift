import Testing
@testable import Tickmark

@Suite struct BadInputTests {
    @Test func byteOrderMarkDoesNotHideTheFirstTask() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("- [x] first\n- [ ] second\n".utf8)
        let checklist = ChecklistParser.parse(bytes, path: "bom.md")
        #expect(checklist.allItems.map(\.text) == ["first", "second"])
        #expect(checklist.allItems.map(\.state) == [.checked, .unchecked])
        let first = try #require(checklist.allItems.first)
        #expect(first.position == SourcePosition(line: 1, column: 4, offset: 3))
        #expect(first.boxOffset == 5)
    }

    @Test func invalidUTF8IsAWarningAndPositionsStayExact() throws {
        var bytes = Array("- [ ] caf".utf8) + [0xE9] + Array(" `probe: run true`\n- [x] next\n".utf8)
        bytes += [0xFF, 0xFE] + Array("\n- [ ] last `probe: git clean`\n".utf8)
        let checklist = ChecklistParser.parse(bytes, path: "latin1.md")
        #expect(checklist.diagnosticIDs == ["InvalidUTF8"])
        #expect(checklist.diagnostics.first?.position?.offset == 9)
        #expect(checklist.allItems.map(\.state) == [.unchecked, .checked, .unchecked])
        #expect(checklist.allItems[0].text == "caf\u{FFFD}")
        let probe = try #require(checklist.allItems[0].probes.first)
        // The span's text starts right after the backtick, in the original bytes.
        #expect(bytes[probe.position.offset - 1] == UInt8(ascii: "`"))
        let last = try #require(checklist.allItems.last?.probes.first)
        #expect(bytes[last.position.offset - 1] == UInt8(ascii: "`"))
        #expect(checklist.allItems.map { bytes[$0.boxOffset] } == Array(repeating: UInt8(ascii: "["), count: 3))
    }

    @Test func binaryFilesAreRefusedWithAPosition() {
        #expect(throws: TickmarkError.self) {
            try ChecklistFile.requireText(Array("PNG\n\u{0}\u{1}".utf8), path: "x.png")
        }
        do {
            try ChecklistFile.requireText(Array("ab\ncd\u{0}".utf8), path: "x.bin")
        } catch {
            #expect(error.code == .notText)
            #expect(error.description.hasPrefix("x.bin:2:3: error:"))
        }
    }

    @Test func mojibakeSeedFileParsesWithoutErrors() throws {
        // Double-encoded UTF-8: valid bytes, garbled characters; it must read like any other file.
        let seeds = try #require(Fixtures.sharedFolder).appending("/seeds/003_e601fafa80588eea.txt")
        let checklist = try ChecklistFile.load(seeds)
        #expect(!checklist.hasErrors)
        #expect(checklist.source.bytes.count > 100_000)
    }

    @Test func largeFileParses() {
        var text = "# Big\n"
        let line = "- [ ] An item with some text and `code` and **bold** words @owner\n"
        while text.utf8.count < 5_000_000 { text += line }
        let checklist = ChecklistParser.parse(Array(text.utf8), path: "big.md")
        #expect(checklist.allItems.count == (text.utf8.count - 6) / line.utf8.count)
        #expect(Set(checklist.allItems.map(\.id)).count == checklist.allItems.count)
    }

    @Test(arguments: [
        "[", "- [", "- [ ]", "- [ ] ", "> ", "```probe\n", "- [ ] x\n  ```probe\n", "---\n---\n", "---\n: :\n---\n",
        "- [ ] `probe:`", "- [ ] `probe: `", "\u{0}", "- [ ] x\n  ```probe\n  http:\n  ```\n", "<!--", "- [ ] ~~~~",
    ])
    func oddInputsNeverCrash(text: String) {
        let checklist = ChecklistParser.parse(Array(text.utf8), path: "odd.md")
        #expect(checklist.allItems.count <= 1)
        _ = checklist.jsonBytes()
    }
}

enum Fixtures {
    /// The `shared/` folder beside the checkout, if present.
    static var sharedFolder: String? {
        var url = #filePath
        for _ in 0..<4 { url = String(url[..<url.lastIndex(of: "/")!]) }
        let candidate = url + "/../shared"
        return FileExists.atPath(candidate + "/SPEC.md") ? candidate : nil
    }
}

import Foundation

enum FileExists {
    static func atPath(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
