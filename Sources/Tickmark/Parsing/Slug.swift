/// Turns text into the id words Tickmark uses: lowercase ASCII letters and digits, words joined
/// by `-`, at most eight words. Accented Latin letters lose their accents (`é` → `e`); other
/// characters separate words.
public enum Slug {
    /// The slug of `text`, or `nil` when it has no ASCII letters or digits.
    public static func make(_ text: String, maxWords: Int = 8) -> String? {
        var slug: [UInt8] = []
        var words = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            guard let ascii = asciiFold(scalar) else {
                inWord = false
                continue
            }
            if !inWord {
                if words == maxWords { break }
                if words > 0 { slug.append(0x2D) }
                words += 1
                inWord = true
            }
            slug.append(ascii)
        }
        return words == 0 ? nil : String(decoding: slug, as: UTF8.self)
    }

    /// The lowercase ASCII letter or digit a scalar stands for, if any.
    private static func asciiFold(_ scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        switch value {
        case 0x30...0x39, 0x61...0x7A: return UInt8(value)
        case 0x41...0x5A: return UInt8(value + 0x20)
        case 0xC0...0x17F:
            let folded = latinFold[Int(value - 0xC0)]
            return folded == 0 ? nil : folded
        default: return nil
        }
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
public enum Suggestion {
    /// The candidate closest to `word` within a distance of two (or a third of its length), if any.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Levenshtein distance between two strings.
    public static func editDistance(_ a: String, _ b: String) -> Int {
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
