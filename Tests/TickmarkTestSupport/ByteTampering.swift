#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Tickmark

/// Positions worth flipping in a file of `count` bytes: all of them when small; otherwise the
/// first and last `edge` bytes and every `step`-th byte between.
package func tamperPositions(count: Int, limit: Int = 4096, edge: Int = 256, step: Int = 599) -> [Int] {
    guard count > limit else { return Array(0..<count) }
    let inner = stride(from: edge, to: count - edge, by: step)
    return Array(0..<edge) + Array(inner) + Array((count - edge)..<count)
}

/// The XOR masks applied at each position: a low bit, the ASCII case bit, the high bit, all bits.
package let tamperMasks: [UInt8] = [0x01, 0x20, 0x80, 0xFF]

/// Flips each sampled byte of the file at `path` in turn (with every mask, or one mask chosen by
/// position when `everyMask` is false), calls `check` with the changed file in place, and puts
/// the byte back. Returns how many changes were tried; throws if the file did not come back whole.
@discardableResult
package func tamperEachByte(of path: String, everyMask: Bool = true, check: (_ position: Int, _ mask: UInt8) throws -> Void) throws -> Int {
    let original = try read(path)
    let descriptor = open(path, O_WRONLY)
    guard descriptor >= 0 else { throw TickmarkError(.cannotWrite, "cannot open for writing", path: path) }
    defer { close(descriptor) }
    func put(_ byte: UInt8, at position: Int) throws {
        var value = byte
        guard pwrite(descriptor, &value, 1, off_t(position)) == 1 else {
            throw TickmarkError(.cannotWrite, "cannot write byte \(position)", path: path)
        }
    }
    var tried = 0
    for position in tamperPositions(count: original.count) {
        defer { try? put(original[position], at: position) }
        let masks = everyMask ? tamperMasks : [tamperMasks[position % tamperMasks.count]]
        for mask in masks {
            try put(original[position] ^ mask, at: position)
            try check(position, mask)
            tried += 1
        }
    }
    guard try read(path) == original else {
        throw TickmarkError(.cannotWrite, "the file was not restored after its bytes were flipped", path: path)
    }
    return tried
}
