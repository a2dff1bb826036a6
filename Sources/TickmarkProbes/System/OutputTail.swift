/// The last `limit` bytes of a stream, kept while the stream is read in chunks.
struct OutputTail {
    /// The most bytes kept.
    let limit: Int
    private var storage: [UInt8] = []
    /// Whether bytes were dropped from the front.
    private(set) var truncated = false

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Appends a chunk, dropping the oldest bytes beyond the limit. Trimming waits until the
    /// storage holds twice the limit, so appending stays linear overall.
    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        guard !chunk.isEmpty else { return }
        if chunk.count >= limit {
            truncated = truncated || chunk.count > limit || !storage.isEmpty
            storage = Array(chunk.suffix(limit))
            return
        }
        storage.append(contentsOf: chunk)
        if storage.count > 2 * limit { trim() }
    }

    /// The kept bytes.
    mutating func bytes() -> [UInt8] {
        trim()
        return storage
    }

    private mutating func trim() {
        guard storage.count > limit else { return }
        storage.removeFirst(storage.count - limit)
        truncated = true
    }
}

/// Text for evidence from bytes that may have been cut anywhere.
enum EvidenceText {
    /// The bytes as UTF-8 (invalid sequences become U+FFFD), without a partial character at the
    /// start, at most `limit` bytes from the end.
    static func tail(_ bytes: [UInt8], limit: Int = ProbeEvidence.outputLimit) -> String {
        var slice = bytes.suffix(limit)
        while let first = slice.first, first & 0xC0 == 0x80 { slice = slice.dropFirst() }
        return String(decoding: slice, as: UTF8.self)
    }

    /// The bytes as UTF-8, at most `limit` bytes from the start, without a partial character at the end.
    static func head(_ bytes: [UInt8], limit: Int = ProbeEvidence.outputLimit) -> String {
        guard bytes.count > limit else { return String(decoding: bytes, as: UTF8.self) }
        var end = limit
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// The first line of `text`, at most `limit` characters, with `…` when cut.
    static func firstLine(_ text: String, limit: Int = 120) -> String {
        let line = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }

    /// The last non-empty line of `text`, at most `limit` characters.
    static func lastLine(_ text: String, limit: Int = 160) -> String {
        let line = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }).last.map(String.init) ?? ""
        return line.count > limit ? "…" + String(line.suffix(limit)) : line
    }
}
