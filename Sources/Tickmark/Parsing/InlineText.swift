/// The visible text of a paragraph or heading, gathered from its inline pieces in order:
/// whitespace collapsed on the fly, probe code spans and HTML set aside.
struct InlineText {
    /// Whether code spans that hold an inline probe are set aside instead of read as text.
    var collectsProbes = false
    /// The collapsed text so far, as UTF-8.
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false
    private var sawVisible = false
    private var sawUnstruck = false
    /// Inline probe code spans: their text and where cmark-gfm says they start.
    private(set) var probeSpans: [(String, LineColumn)] = []
    /// `approve:` code spans (approval rules), set aside like probes.
    private(set) var approvalSpans: [(String, LineColumn)] = []
    /// An item's `fresh:`/`warn:` code spans (collected with the probes) and where they start.
    private(set) var freshnessSpans: [(String, LineColumn)] = []
    /// Inline HTML pieces (comments such as `<!-- id: x -->`) and where they start.
    private(set) var html: [(String, LineColumn)] = []

    init(collectsProbes: Bool = false) {
        self.collectsProbes = collectsProbes
    }

    /// Starts over for the next block, keeping the buffer's storage.
    mutating func reset(collectsProbes: Bool) {
        self.collectsProbes = collectsProbes
        bytes.removeAll(keepingCapacity: true)
        pendingSpace = false
        sawVisible = false
        sawUnstruck = false
        probeSpans.removeAll()
        approvalSpans.removeAll()
        freshnessSpans.removeAll()
        html.removeAll()
    }

    /// Whether the block had visible text and all of it was struck through.
    var isAllStruck: Bool { sawVisible && !sawUnstruck }

    /// The collapsed text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Adds a piece of `document`'s inline content.
    mutating func add(_ inline: MarkdownInline, of document: MarkdownDocument) {
        switch inline {
        case .text(let range, let struck):
            if append(document.text[range]) {
                sawVisible = true
                if !struck { sawUnstruck = true }
            }
        case .code(let range, let struck, let start):
            if collectsProbes, ProbeSyntax.isInlineProbe(document.text[range]) {
                probeSpans.append((document.string(range), start))
            } else if collectsProbes, ApprovalRule.isRule(document.text[range]) {
                approvalSpans.append((document.string(range), start))
            } else if collectsProbes, FreshnessSyntax.isItemFreshness(document.text[range]) {
                freshnessSpans.append((document.string(range), start))
            } else {
                append(document.text[range])
                sawVisible = true
                if !struck { sawUnstruck = true }
            }
        case .html(let range, let start):
            html.append((document.string(range), start))
        case .lineBreak:
            pendingSpace = !bytes.isEmpty
        }
    }

    /// Appends a piece, each run of whitespace (Unicode White_Space scalars) made one space and
    /// none at the start. Returns whether the piece had anything but whitespace.
    @discardableResult
    private mutating func append(_ piece: ArraySlice<UInt8>) -> Bool {
        piece.withUnsafeBufferPointer { piece in
            var visible = false
            var index = 0
            while index < piece.count {
                let width = InlineText.whitespaceWidth(piece, at: index)
                if width > 0 {
                    pendingSpace = !bytes.isEmpty
                    index += width
                    continue
                }
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                // The visible bytes up to the next byte that may start whitespace, in one copy.
                var end = index + 1
                while end < piece.count, InlineText.isPlainVisible(piece[end]) { end += 1 }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: piece[index..<end]))
                visible = true
                index = end
            }
            return visible
        }
    }

    /// Whether `byte` is part of a visible character whatever follows it: printable ASCII, or a
    /// UTF-8 byte that cannot start a White_Space scalar (continuation bytes and lead bytes
    /// other than 0xC2, 0xE1, 0xE2 and 0xE3).
    @inline(__always)
    static func isPlainVisible(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != 0xC2 && (byte < 0xE1 || byte > 0xE3)
    }

    /// The length of the UTF-8 White_Space scalar at `index`, or 0: U+0009–000D, U+0020, U+0085,
    /// U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    static func whitespaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || (0x09...0x0D).contains(byte) ? 1 : 0 }
        let count = bytes.count
        switch byte {
        case 0xC2:
            return index + 1 < count && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0) ? 2 : 0
        case 0xE1:
            return index + 2 < count && bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard index + 2 < count else { return 0 }
            let second = bytes[index + 1]
            let third = bytes[index + 2]
            if second == 0x80, (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3:
            return index + 2 < count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }
}
