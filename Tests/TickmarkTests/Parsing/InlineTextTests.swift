import Testing
@testable import Tickmark

/// An item's text is its inline pieces with every run of whitespace made one space, none at
/// either end, however cmark-gfm cuts the text into pieces.
@Suite struct InlineTextTests {
    /// Pieces built from words, ASCII and Unicode whitespace, control characters and multibyte
    /// letters, compared with splitting the whole text on White_Space scalars.
    @Test func whitespaceRunsBecomeOneSpaceAcrossPieces() {
        let fragments = ["release", "v1.2", "café", "發佈", "🚀", "a", "-", "\u{01}", "x`y", "@team",
                         " ", "  ", "\t", "\n", "\r\n", "\u{A0}", "\u{2009}", "\u{3000}", "\u{85}", "\u{1680}", "\u{200B}"]
        var random = SplitMix64(seed: 20241204)
        for round in 0..<3000 {
            var whole = ""
            for _ in 0..<random.below(12) { whole += random.pick(fragments) }
            // Cut the text into pieces at scalar boundaries, as a parser's text nodes would be.
            let scalars = Array(whole.unicodeScalars)
            var pieces: [String] = []
            var start = 0
            while start < scalars.count {
                let end = min(scalars.count, start + 1 + random.below(8))
                var piece = String.UnicodeScalarView()
                piece.append(contentsOf: scalars[start..<end])
                pieces.append(String(piece))
                start = end
            }
            var document = MarkdownDocument()
            for piece in pieces {
                let first = document.text.count
                document.text.append(contentsOf: piece.utf8)
                document.inlines.append(.text(first..<document.text.count, struck: false))
            }
            var text = InlineText()
            for inline in document.inlines { text.add(inline, of: document) }
            let expected = whole.unicodeScalars.split(whereSeparator: \.properties.isWhitespace)
                .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
            #expect(text.text == expected, "round \(round): pieces \(pieces.map { Array($0.unicodeScalars.map(\.value)) })")
            if text.text != expected { break }
        }
    }
}
