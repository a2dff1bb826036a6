/// One change to a file's bytes: replace `range` with `replacement`.
///
/// Every change Tickmark makes to a user's file is a list of these, applied to the original bytes;
/// the document is never re-rendered.
public struct TextEdit: Hashable, Sendable, Codable {
    /// The byte range of the original file to replace.
    public var range: Range<Int>
    /// The new bytes.
    public var replacement: [UInt8]

    /// Creates an edit.
    public init(range: Range<Int>, replacement: [UInt8]) {
        self.range = range
        self.replacement = replacement
    }

    /// Creates an edit replacing `range` with the UTF-8 of `text`.
    public init(range: Range<Int>, text: String) {
        self.init(range: range, replacement: Array(text.utf8))
    }
}

/// A problem with a set of edits.
public struct TextEditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The message.
    public var description: String { message }
}

extension Array where Element == UInt8 {
    /// The bytes with `edits` applied; edits must not overlap and must lie inside the bytes.
    /// (Library users apply edits through `Checklist.applying(_:)`.)
    package func applying(_ edits: [TextEdit]) throws(TextEditError) -> [UInt8] {
        let sorted = edits.sorted { $0.range.lowerBound < $1.range.lowerBound }
        var result: [UInt8] = []
        result.reserveCapacity(count)
        var cursor = 0
        for edit in sorted {
            guard edit.range.lowerBound >= cursor else {
                throw TextEditError(message: "edits overlap at byte \(edit.range.lowerBound)")
            }
            guard edit.range.upperBound <= count else {
                throw TextEditError(message: "edit at byte \(edit.range.lowerBound) lies past the end of the file")
            }
            result.append(contentsOf: self[cursor..<edit.range.lowerBound])
            result.append(contentsOf: edit.replacement)
            cursor = edit.range.upperBound
        }
        result.append(contentsOf: self[cursor...])
        return result
    }
}
