/// Turns text into the id words Tickmark uses: lowercase ASCII letters and digits, words joined
/// by `-`, at most eight words. Accented Latin letters lose their accents (`é` → `e`); other
/// characters separate words.
package enum Slug {
    /// The slug of `text`, or `nil` when it has no ASCII letters or digits.
    package static func make(_ text: String, maxWords: Int = 8) -> String? {
        var text = text
        return text.withUTF8 { make(utf8: $0, skippingItemMarkers: false, maxWords: maxWords) }
    }

    /// Appends the slug of an item's text (words separated by single spaces) to `slug`: as
    /// `make`, without a leading `(Optional)`/`Optional:` marker and without `@mentions`.
    /// Returns false, appending nothing, when the text has no ASCII letters or digits.
    static func appendItem(_ text: String, to slug: inout [UInt8], maxWords: Int = 8) -> Bool {
        var text = text
        return text.withUTF8 { append(utf8: $0, skippingItemMarkers: true, maxWords: maxWords, to: &slug) }
    }

    static func make(utf8 bytes: UnsafeBufferPointer<UInt8>, skippingItemMarkers: Bool, maxWords: Int) -> String? {
        var slug: [UInt8] = []
        slug.reserveCapacity(min(bytes.count, 96))
        guard append(utf8: bytes, skippingItemMarkers: skippingItemMarkers, maxWords: maxWords, to: &slug) else { return nil }
        return String(decoding: slug, as: UTF8.self)
    }

    /// Appends the folded words of `bytes` (UTF-8) to `slug`; returns whether there were any.
    private static func append(
        utf8 bytes: UnsafeBufferPointer<UInt8>, skippingItemMarkers: Bool, maxWords: Int, to slug: inout [UInt8]
    ) -> Bool {
        let startCount = slug.count
        var words = 0
        var inWord = false
        var index = 0
        var wordStart = true   // at the start of a space-separated word of the text
        var isFirstWord = true
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if skippingItemMarkers && wordStart && byte != 0x20 {
                wordStart = false
                // Only a mention, or a first word that could be `(Optional)` or `Optional:`, is
                // measured; other words are read once.
                if byte == 0x40 || (isFirstWord && (byte == 0x28 || byte | 0x20 == 0x6F)) {
                    var end = index
                    while end < count, bytes[end] != 0x20 { end += 1 }
                    let word = UnsafeBufferPointer(rebasing: bytes[index..<end])
                    if byte == 0x40 || isOptionalMarker(word) {
                        isFirstWord = false
                        inWord = false
                        index = end
                        continue
                    }
                }
                isFirstWord = false
            }
            var folded: UInt8 = 0
            var width = 1
            switch byte {
            case 0x30...0x39, 0x61...0x7A: folded = byte
            case 0x41...0x5A: folded = byte + 0x20
            case 0xC3...0xC5:
                if index + 1 < count, bytes[index + 1] & 0xC0 == 0x80 {
                    let scalar = Int(byte & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)
                    folded = latinFold[scalar - 0xC0]
                    width = 2
                }
            case 0x20:
                wordStart = true
            default:
                break
            }
            index += width
            guard folded != 0 else {
                inWord = false
                continue
            }
            if !inWord {
                if words == maxWords { break }
                if words > 0 { slug.append(0x2D) }
                words += 1
                inWord = true
            }
            slug.append(folded)
            // The lowercase letters and digits that follow are copied as they are, in one go.
            var end = index
            while end < count, (0x61...0x7A).contains(bytes[end]) || (0x30...0x39).contains(bytes[end]) { end += 1 }
            if end > index {
                slug.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
            }
        }
        return slug.count > startCount
    }

    /// Whether a word is `(optional)` or `optional:` in any case (no other letter lowercases to these).
    private static func isOptionalMarker(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count == 9 || word.count == 10 else { return false }
        let marker: StaticString = word.count == 10 ? "(optional)" : "optional:"
        let expected = marker.utf8Start
        for index in 0..<word.count {
            let byte = word[index]
            guard byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0) == expected[index] else { return false }
        }
        return true
    }

    /// The ASCII letter of each scalar U+00C0…U+017F, 0 when it has none.
    private static let latinFold: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x180 - 0xC0)
        let groups: [(String, String)] = [
            ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"), ("ÇçĆćĈĉĊċČč", "c"), ("ĎďĐđ", "d"),
            ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"), ("ĜĝĞğĠġĢģ", "g"), ("ĤĥĦħ", "h"),
            ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"), ("Ĵĵ", "j"), ("Ķķ", "k"), ("ĹĺĻļĽľĿŀŁł", "l"),
            ("ÑñŃńŅņŇň", "n"), ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o"), ("ŔŕŖŗŘř", "r"),
            ("ŚśŜŝŞşŠšß", "s"), ("ŢţŤťŦŧ", "t"), ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"),
            ("Ŵŵ", "w"), ("ÝýÿŶŷŸ", "y"), ("ŹźŻżŽž", "z"), ("Ææ", "a"), ("Œœ", "o"),
        ]
        for (letters, ascii) in groups {
            for scalar in letters.unicodeScalars where (0xC0..<0x180).contains(scalar.value) {
                table[Int(scalar.value) - 0xC0] = ascii.utf8.first!
            }
        }
        return table
    }()
}

/// "Did you mean …?" suggestions by edit distance.
package enum Suggestion {
    /// The candidate closest to `word` within a distance of two (or a third of its length), if any.
    package static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Levenshtein distance between two strings.
    package static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
