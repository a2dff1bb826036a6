extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte in UTF-8.
    ///
    /// The checks probe arguments need (`${`, `:`, `/`) are about ASCII punctuation, where this is
    /// exactly right, and it costs a fraction of Foundation's `contains`, which bridges to a
    /// Unicode-aware search.
    package func containsBytes(_ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return true }
        if let found = utf8.withContiguousStorageIfAvailable({ Self.find(pattern, first: first, in: $0) }) {
            return found
        }
        return Array(utf8).withUnsafeBufferPointer { Self.find(pattern, first: first, in: $0) }
    }

    private static func find(_ pattern: UnsafeBufferPointer<UInt8>, first: UInt8, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= pattern.count else { return false }
        var index = 0
        let last = text.count - pattern.count
        while index <= last {
            if text[index] == first {
                var matched = 1
                while matched < pattern.count, text[index + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return true }
            }
            index += 1
        }
        return false
    }
}
