import Foundation
import Testing
@testable import Tickmark
import TickmarkTestSupport

/// Ticking and unticking items of generated documents. `TICKMARK_FUZZ_CASES` sets how many
/// documents (default 200; `scripts/fuzz.sh` runs 100,000), `TICKMARK_FUZZ_SEED` the first seed
/// (default 0); document `n` is built from seed `first + n`, so a failure names the seed that rebuilds it.
@Suite struct RandomDocumentTests {
    static let caseCount = environmentNumber("TICKMARK_FUZZ_CASES") ?? 200
    static let firstSeed = UInt64(environmentNumber("TICKMARK_FUZZ_SEED") ?? 0)

    @Test func tickingAnyItemChangesOnlyItsBoxAndCanBeUndone() {
        var tally = EditProperties.Tally()
        var failed = 0
        for index in 0..<Self.caseCount {
            let seed = Self.firstSeed &+ UInt64(index)
            let bytes = RandomMarkdown.document(seed: seed)
            let problems = EditProperties.problems(in: bytes, tally: &tally)
            guard !problems.isEmpty else { continue }
            Issue.record("""
                seed \(seed) (rerun with TICKMARK_FUZZ_SEED=\(seed) TICKMARK_FUZZ_CASES=1):
                \(problems.joined(separator: "\n"))
                document: \(String(decoding: bytes, as: UTF8.self).debugDescription)
                """)
            failed += 1
            if failed == 5 { break }
        }
        if Self.environmentNumber("TICKMARK_FUZZ_CASES") != nil {
            print("fuzz: \(tally.documents) documents, \(tally.items) items, \(tally.flips) ticked and unticked, "
                + "\(tally.quoted) quoted, \(tally.notApplicable) [~], \(tally.struck) struck through, \(tally.upperX) [X]")
        }
        // The generator must reach the cases worth testing, or the property says little.
        #expect(tally.documents == Self.caseCount || failed == 5)
        if Self.caseCount >= 200 {
            #expect(tally.items >= Self.caseCount * 3, "too few items: \(tally)")
            #expect(tally.quoted > 0 && tally.notApplicable > 0 && tally.struck > 0 && tally.upperX > 0, "\(tally)")
        }
    }

    /// Documents that once broke a property: 38568 has an item cmark-gfm marks as a task because of a
    /// later line; 16041, 17820, 25083, 27626 and 35553 have front matter with a lone CR line ending
    /// before an LF one (blanked as they were, the two read as one CRLF and moved later items up a line).
    @Test(arguments: [38568, 16041, 17820, 25083, 27626, 35553] as [UInt64])
    func documentsThatOnceFailedStillPass(seed: UInt64) {
        var tally = EditProperties.Tally()
        let bytes = RandomMarkdown.document(seed: seed)
        #expect(EditProperties.problems(in: bytes, tally: &tally) == [])
        #expect(tally.flips > 0)
    }

    @Test func sameSeedSameDocument() {
        #expect(RandomMarkdown.document(seed: 42) == RandomMarkdown.document(seed: 42))
        #expect(RandomMarkdown.document(seed: 42) != RandomMarkdown.document(seed: 43))
        var first = SplitMix64(seed: 0)
        // Reference values of SplitMix64 for seed 0.
        #expect([first.next(), first.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4])
    }

    @Test func generatedDocumentsHoldWhatTheyShould() {
        var documents: [[UInt8]] = []
        for seed in 0..<UInt64(300) { documents.append(RandomMarkdown.document(seed: seed)) }
        func count(_ predicate: ([UInt8]) -> Bool) -> Int { documents.count(where: predicate) }
        #expect(count { $0.starts(with: [0xEF, 0xBB, 0xBF]) } > 0)
        #expect(count { $0.contains(0x0D) && !$0.contains(0x0A) } > 0)            // lone CR
        #expect(count { MarkedText.find([0x0D, 0x0A], in: $0) != nil } > 0)        // CRLF
        #expect(count { $0.last != 0x0A && $0.last != 0x0D } > 0)                  // no final line ending
        #expect(count { MarkedText.find(Array("\t- [".utf8), in: $0) != nil } > 0) // nested by a tab
        #expect(count { MarkedText.find(Array("```probe".utf8), in: $0) != nil } > 0)
        #expect(count { MarkedText.find(Array("🚀".utf8), in: $0) != nil } > 0)
        #expect(count { $0.contains(0) } == 0)
    }

    /// A whole number from the environment, if set.
    static func environmentNumber(_ name: String) -> Int? {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}

/// The checker must notice broken models, or a passing fuzz run would prove nothing.
@Suite struct EditPropertiesSelfTests {
    static let document = Array("# A\n- [ ] a\n  * [x] b\n> - [X] c\n".utf8)

    @Test func theRealParserPasses() {
        var tally = EditProperties.Tally()
        #expect(EditProperties.problems(in: Self.document, tally: &tally).isEmpty)
        #expect(tally.items == 3 && tally.flips == 3 && tally.quoted == 1 && tally.upperX == 1)
    }

    @Test func aBoxOffsetOffByOneIsReported() {
        var tally = EditProperties.Tally()
        let problems = EditProperties.problems(in: Self.document, tally: &tally) { bytes in
            var checklist = EditProperties.parse(bytes)
            checklist.items[0].children[0].boxOffset += 1
            return checklist
        }
        #expect(problems == ["item 1 at 3:3: box offset 17 does not point at `[`, a state byte and `]`"])
    }

    @Test func aFlipThatChangesAnotherItemIsReported() {
        var tally = EditProperties.Tally()
        let problems = EditProperties.problems(in: Self.document, tally: &tally) { bytes in
            var checklist = EditProperties.parse(bytes)
            if bytes != Self.document { checklist.items[1].state = .na }
            return checklist
        }
        #expect(problems.first == "item 0 at 2:1: after flipping it, item 2 is na, not checked")
        #expect(problems.count == 3)
    }
}
