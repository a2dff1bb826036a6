import Testing

/// One byte that differs between two buffers of the same length.
struct ByteChange: Equatable, CustomStringConvertible {
    var offset: Int
    var before: UInt8
    var after: UInt8

    var description: String {
        func show(_ byte: UInt8) -> String {
            (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "0x\(String(byte, radix: 16))"
        }
        return "@\(offset): \(show(before)) → \(show(after))"
    }
}

/// The bytes that differ between `original` and `edited`, or nil when their lengths differ.
func byteDiff(_ original: [UInt8], _ edited: [UInt8]) -> [ByteChange]? {
    guard original.count == edited.count else { return nil }
    return original.indices.compactMap { index in
        original[index] == edited[index] ? nil : ByteChange(offset: index, before: original[index], after: edited[index])
    }
}

/// Expects `edited` to be `original` with exactly the byte changes given.
func expectByteDiff(
    _ original: [UInt8], _ edited: [UInt8], is expected: [ByteChange],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let changes = byteDiff(original, edited) else {
        Issue.record("length changed from \(original.count) to \(edited.count) bytes", sourceLocation: sourceLocation)
        return
    }
    #expect(changes == expected, sourceLocation: sourceLocation)
}
