/// The set of item ids taken so far in a file: a hash set of strings specialised for what ids are
/// (short ASCII text, tens of thousands per large file), several times faster than `Set<String>`,
/// whose hashing normalises Unicode first.
///
/// The hash reads UTF-8 eight bytes at a time, seeded per process so that a crafted file cannot
/// choose colliding ids in advance.
struct IDSet {
    private var slots: [Int32]          // index into `keys`, or -1
    private var slotHashes: [UInt64]
    private var keys: [String] = []
    private var mask: Int

    private static let seed = UInt64.random(in: 1...UInt64.max)

    init(minimumCapacity: Int) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        slots = [Int32](repeating: -1, count: capacity)
        slotHashes = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        keys.reserveCapacity(minimumCapacity)
    }

    var count: Int { keys.count }

    /// Whether `id` is in the set.
    func contains(_ id: String) -> Bool {
        let hash = IDSet.hash(id)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            if slotHashes[slot] == hash, keys[Int(slots[slot])] == id { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    /// Adds `id`; returns false when it was already there.
    @discardableResult
    mutating func insert(_ id: String) -> Bool {
        let hash = IDSet.hash(id)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            if slotHashes[slot] == hash, keys[Int(slots[slot])] == id { return false }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(keys.count)
        slotHashes[slot] = hash
        keys.append(id)
        if keys.count * 2 > slots.count { grow() }
        return true
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [Int32](repeating: -1, count: capacity)
        slotHashes = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        for index in keys.indices {
            let hash = IDSet.hash(keys[index])
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
            slotHashes[slot] = hash
        }
    }

    static func hash(_ id: String) -> UInt64 {
        var id = id
        return id.withUTF8 { bytes in
            let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
            var hash = seed ^ (UInt64(bytes.count) &* multiplier)
            var index = 0
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while index + 8 <= bytes.count {
                    hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                    index += 8
                }
                var tail: UInt64 = 0
                var shift: UInt64 = 0
                while index < bytes.count {
                    tail |= UInt64(bytes[index]) << shift
                    shift += 8
                    index += 1
                }
                hash = mix(hash ^ tail)
            }
            return mix(hash)
        }
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return product.high ^ product.low
    }
}
