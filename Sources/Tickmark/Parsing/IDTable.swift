/// The table behind `IDAllocator`: strings to values, with open addressing over an array of
/// entry numbers.
///
/// A `Dictionary<String, …>` either is reserved for every item of a file, which for a file whose
/// texts repeat leaves a table mostly empty and slow to search, or grows, and each growth hashes
/// every id again. Here each id is hashed once: its hash is kept beside it, and growing the table
/// only places the kept hashes again.
struct IDTable<Value> {
    private var keys: [String] = []
    private var hashes: [Int] = []
    private var values: [Value] = []
    /// Entry number + 1 for each slot, 0 for an empty one; at most half full.
    private var slots = [Int32](repeating: 0, count: 64)

    init() {}

    /// The value for `key`, if there is one.
    subscript(key: String) -> Value? {
        find(key, hash: key.hashValue).index.map { values[$0] }
    }

    /// Runs `body` on the value for `key`, made with `make` first when there is none.
    mutating func update<Result>(_ key: String, default make: @autoclosure () -> Value, _ body: (inout Value) -> Result) -> Result {
        let hash = key.hashValue
        var (slot, found) = find(key, hash: hash)
        guard let index = found else {
            if (keys.count + 1) * 2 > slots.count {
                grow()
                (slot, found) = find(key, hash: hash)
            }
            keys.append(key)
            hashes.append(hash)
            values.append(make())
            slots[slot] = Int32(keys.count)
            return body(&values[values.count - 1])
        }
        return body(&values[index])
    }

    /// The slot where `key` is, or the empty one where it would go.
    private func find(_ key: String, hash: Int) -> (slot: Int, index: Int?) {
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return (slot, nil) }
            if hashes[stored - 1] == hash, keys[stored - 1] == key { return (slot, stored - 1) }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for index in hashes.indices {
            var slot = hashes[index] & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}
