/// Hands out unique ids in document order: a wanted id when it is free, else the first free
/// `id-2`, `id-3`, …
///
/// Ids taken with a suffix are not stored one by one. A suffixed id `base-N` can only equal a
/// later *wanted* id (one text's slug can end in `-N`), never another suffixed id: the last `-`
/// of `base-N` is the one before `N`, so two equal suffixed ids have the same base and the same
/// number, and one base's numbers only grow. So it is enough to remember, per base, the next
/// number to try (every number below it is taken), and to look a wanted id of the form `x-N` up
/// in `x`'s counter. A checklist whose texts repeat (thousands of items sharing a text) then
/// keeps one entry per distinct text instead of one per item.
struct IDAllocator {
    private struct Entry {
        /// Whether this very id was taken as it is (wanted, or written explicitly).
        var isTaken = false
        /// The next suffix to try for this base; suffixes below it are taken.
        var nextSuffix = 2
        /// Whether some id taken as it is has the form `thisBase-N`, so that a suffix must be
        /// checked before it is handed out.
        var hasSuffixedNeighbour = false
    }

    private var entries = IDTable<Entry>()

    init() {}

    /// Takes `id` as it is when it is free; returns false, taking nothing, when it is not.
    mutating func takeExactly(_ id: String) -> Bool {
        if entries[id]?.isTaken == true || isTakenBySuffix(id) { return false }
        _ = take(id)
        return true
    }

    /// `wanted` when it is free, else the first free `wanted-N` (N from 2); the id is taken.
    mutating func take(_ wanted: String) -> String {
        let form = Self.suffixed(wanted)
        if let form, let entry = entries[form.base], form.number < entry.nextSuffix {
            // Handed out earlier as a suffix of another base (rare: a text whose slug ends in -N).
            return takeSuffix(of: wanted)
        }
        // One hash lookup for most items: the entry is found or made, and decided on in place.
        switch entries.update(wanted, default: Entry(), { Self.decide(&$0, wanted: wanted) }) {
        case .takenAsItIs:
            if let form { entries.update(form.base, default: Entry()) { $0.hasSuffixedNeighbour = true } }
            return wanted
        case .suffixed(let id):
            return id
        case .mustCheckSuffixes:
            return takeSuffix(of: wanted)
        }
    }

    private enum Decision {
        case takenAsItIs
        case suffixed(String)
        case mustCheckSuffixes
    }

    private static func decide(_ entry: inout Entry, wanted: String) -> Decision {
        if !entry.isTaken {
            entry.isTaken = true
            return .takenAsItIs
        }
        guard !entry.hasSuffixedNeighbour else { return .mustCheckSuffixes }
        defer { entry.nextSuffix += 1 }
        return .suffixed(suffixedID(wanted, entry.nextSuffix))
    }

    /// The first free `wanted-N` from `wanted`'s counter on, checking each against the ids taken
    /// as they are.
    private mutating func takeSuffix(of wanted: String) -> String {
        var entry = entries[wanted] ?? Entry()
        defer { entries.update(wanted, default: Entry()) { $0 = entry } }
        while true {
            let id = Self.suffixedID(wanted, entry.nextSuffix)
            entry.nextSuffix += 1
            if !entry.hasSuffixedNeighbour || entries[id]?.isTaken != true { return id }
        }
    }

    /// `base-number`, made in one allocation.
    private static func suffixedID(_ base: String, _ number: Int) -> String {
        var digits = 1
        var rest = number / 10
        while rest > 0 { digits += 1; rest /= 10 }
        var base = base
        return base.withUTF8 { baseBytes in
            String(unsafeUninitializedCapacity: baseBytes.count + 1 + digits) { buffer in
                _ = buffer.initialize(fromContentsOf: baseBytes)
                buffer[baseBytes.count] = 0x2D
                var value = number
                var index = baseBytes.count + digits
                while index > baseBytes.count {
                    buffer[index] = 0x30 + UInt8(value % 10)
                    value /= 10
                    index -= 1
                }
                return baseBytes.count + 1 + digits
            }
        }
    }

    /// Whether `id`, of the form `base-N`, was handed out as a suffix of `base`.
    private func isTakenBySuffix(_ id: String) -> Bool {
        guard let (base, number) = Self.suffixed(id), let entry = entries[base] else { return false }
        return number < entry.nextSuffix
    }

    /// `base` and `N` when `id` has the form of a suffixed id, `base-N` with N ≥ 2 written
    /// without leading zeros.
    static func suffixed(_ id: String) -> (base: String, number: Int)? {
        let bytes = id.utf8
        guard let last = bytes.last, (0x30...0x39).contains(last) else { return nil }
        var number = 0
        var digits = 0
        var index = bytes.endIndex
        while index > bytes.startIndex {
            let previous = bytes.index(before: index)
            let byte = bytes[previous]
            guard (0x30...0x39).contains(byte) else { break }
            digits += 1
            guard digits <= 18 else { return nil }
            index = previous
        }
        guard index > bytes.startIndex, bytes[bytes.index(before: index)] == 0x2D, bytes[index] != 0x30 else { return nil }
        for byte in bytes[index...] { number = number * 10 + Int(byte - 0x30) }
        guard number >= 2 else { return nil }
        return (String(id[..<bytes.index(before: index)]), number)
    }
}
