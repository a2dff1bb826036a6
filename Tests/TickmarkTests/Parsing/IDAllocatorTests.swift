import Testing
@testable import Tickmark

/// The allocator keeps one entry per distinct id instead of one per id handed out; it must hand
/// out exactly what the plain rule gives: every id taken so far in one set, a wanted id when it is
/// not in the set, else the first `wanted-N` (N from 2) that is not.
@Suite struct IDAllocatorTests {
    /// The plain rule, as the specification.
    struct PlainRule {
        var used: Set<String>
        init(explicit: [String]) { used = Set(explicit) }
        mutating func take(_ wanted: String) -> String {
            if used.insert(wanted).inserted { return wanted }
            var suffix = 2
            while !used.insert("\(wanted)-\(suffix)").inserted { suffix += 1 }
            return "\(wanted)-\(suffix)"
        }
    }

    static func compare(explicit: [String], wanted: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        var plain = PlainRule(explicit: explicit)
        var allocator = IDAllocator()
        for id in explicit {
            let taken = allocator.takeExactly(id)
            #expect(taken, sourceLocation: sourceLocation)
        }
        let expected = wanted.map { plain.take($0) }
        let actual = wanted.map { allocator.take($0) }
        #expect(actual == expected, "explicit \(explicit), wanted \(wanted)", sourceLocation: sourceLocation)
    }

    @Test func suffixesSkipIdsTakenAsTheyAre() {
        Self.compare(explicit: [], wanted: ["a", "a", "a-2", "a", "a-3", "a-2", "a-2"])
        Self.compare(explicit: ["a-2", "a-4"], wanted: ["a", "a", "a", "a", "a-3", "a-5"])
        Self.compare(explicit: ["a"], wanted: ["a", "a-2", "a"])
        Self.compare(explicit: [], wanted: ["a-02", "a", "a", "a-1", "a", "a-0", "a-02"])
        Self.compare(explicit: [], wanted: ["x/a-9", "x/a", "x/a", "x/a-2-2", "x/a-2", "x/a-2", "-2", "-2"])
        Self.compare(explicit: [], wanted: ["a-99999999999999999999", "a", "a"])
    }

    @Test func randomChecklistsWithManyRepeatsAndNumberedTexts() {
        var generator = SplitMix64(seed: 0x71C)
        let words = ["a", "a-2", "a-3", "a-2-2", "b", "b-10", "b-1", "a-02", "b-2", "a-4"]
        for _ in 0..<400 {
            var explicit: [String] = []
            for _ in 0..<generator.below(3) {
                let word = generator.pick(words)
                if !explicit.contains(word) { explicit.append(word) }
            }
            var wanted: [String] = []
            for _ in 0..<generator.below(40) { wanted.append(generator.pick(words)) }
            Self.compare(explicit: explicit, wanted: wanted)
        }
    }

    @Test(arguments: [("a-2", "a", 2), ("a-10", "a", 10), ("x/y-z-3", "x/y-z", 3), ("-2", "", 2)])
    func suffixedFormsSplitAtTheLastDash(id: String, base: String, number: Int) {
        let split = IDAllocator.suffixed(id)
        #expect(split?.base == base && split?.number == number)
    }

    @Test(arguments: ["a", "a-1", "a-0", "a-02", "a2", "2", "a-", "a-99999999999999999999"])
    func otherFormsAreNotSuffixed(id: String) {
        #expect(IDAllocator.suffixed(id) == nil)
    }
}

@Suite struct IDTableTests {
    /// Values stay with their keys through every growth of the table.
    @Test func valuesStayWithTheirKeysAsTheTableGrows() {
        var table = IDTable<Int>()
        for number in 0..<5000 {
            let stored = table.update("section/item-\(number)", default: number) { $0 }
            #expect(stored == number)
        }
        for number in 0..<5000 where number % 7 == 0 {
            table.update("section/item-\(number)", default: -1) { $0 += 1_000_000 }
        }
        for number in 0..<5000 {
            #expect(table["section/item-\(number)"] == number + (number % 7 == 0 ? 1_000_000 : 0))
        }
        #expect(table["section/item-5000"] == nil)
        #expect(table[""] == nil)
    }
}
