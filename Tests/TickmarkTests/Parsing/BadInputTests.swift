import Testing
@testable import Tickmark
import TickmarkTestSupport

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

    @Test func doubleEncodedUTF8ParsesWithoutErrors() throws {
        // Mojibake: UTF-8 text read as Latin-1 and saved as UTF-8 again. The bytes are valid UTF-8,
        // the letters are garbled (`é` becomes `Ã©`, and some become C1 control characters); it
        // must read like any other file, whatever its size.
        var text = ""
        for section in 1...160 {
            text += """
                ## Étape \(section) — vérifications préalables

                Avant de déployer, l’équipe relit la procédure : « rien ne part sans deux regards ».

                - [ ] Vérifier que la version \(section).0 est bien étiquetée ✅
                - [x] Prévenir l’astreinte → canal #déploiements 🚀
                  - [ ] Relire les notes rédigées par Héloïse et François
                - [ ] Contrôler les sauvegardes (dernière réussite : 3 h 00)

                ```
                ┌──────────┐   ┌────────────┐
                │ préprod  │ → │ production │
                └──────────┘   └────────────┘
                ```


                """
        }
        let latin1 = String(String.UnicodeScalarView(text.utf8.map { Unicode.Scalar($0) }))
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("mojibake.md", Array(latin1.utf8))
        let checklist = try ChecklistFile.load(path)
        #expect(!checklist.hasErrors, "\(checklist.diagnostics)")
        #expect(checklist.diagnostics.isEmpty)
        #expect(checklist.source.bytes.count > 100_000)
        #expect(checklist.allItems.count == 160 * 4)
        #expect(checklist.allItems.first?.text.hasPrefix("VÃ©rifier") == true)
        #expect(checklist.allItems.map(\.state).prefix(4) == [.unchecked, .checked, .unchecked, .unchecked])
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
