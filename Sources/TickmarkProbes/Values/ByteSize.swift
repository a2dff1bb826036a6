import Foundation

/// A size in bytes written as `16MiB`, `100MB`, `512KiB` or `1048576`: KB, MB, GB are powers of
/// 1000, KiB, MiB, GiB powers of 1024.
package enum ByteSize {
    private static let units: [(suffix: String, factor: Int)] = [
        ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1000), ("kB", 1000), ("B", 1),
    ]

    /// The number of bytes `text` names, nil when it names none (or more than 2^62).
    package static func parse(_ text: String) -> Int? {
        let unit = units.first { text.hasSuffix($0.suffix) } ?? ("", 1)
        let number = text.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.utf8.allSatisfy({ (0x30...0x39).contains($0) }), number.count <= 12,
              let value = Int(number) else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: unit.factor)
        return overflow || bytes > 1 << 62 ? nil : bytes
    }

    /// The size in the largest binary unit that divides it (`16 MiB`), else in bytes.
    package static func format(_ bytes: Int) -> String {
        for (suffix, factor) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= factor && bytes % factor == 0 {
            return "\(bytes / factor) \(suffix)"
        }
        return "\(bytes) bytes"
    }
}
