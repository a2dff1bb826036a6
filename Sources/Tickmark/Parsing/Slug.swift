/// Turns text into the id words Tickmark uses: lowercase ASCII letters and digits, words joined
/// by `-`, at most eight words. Accented Latin letters lose their accents (`é` → `e`); other
/// characters separate words.
public enum Slug {
    /// The slug of `text`, or `nil` when it has no ASCII letters or digits.
    public static func make(_ text: String, maxWords: Int = 8) -> String? {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if let ascii = asciiFold(scalar) {
                current.append(ascii)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
                if words.count == maxWords { break }
            }
        }
        if !current.isEmpty, words.count < maxWords { words.append(current) }
        return words.isEmpty ? nil : words.joined(separator: "-")
    }

    /// The lowercase ASCII letter or digit a scalar stands for, if any.
    private static func asciiFold(_ scalar: Unicode.Scalar) -> Character? {
        let value = scalar.value
        switch value {
        case 0x30...0x39, 0x61...0x7A: return Character(scalar)
        case 0x41...0x5A: return Character(Unicode.Scalar(value + 0x20)!)
        case 0xC0...0x17F:
            let folded = latinFold[scalar] ?? ""
            return folded.first
        default: return nil
        }
    }

    private static let latinFold: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let groups: [(String, String)] = [
            ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"), ("ÇçĆćĈĉĊċČč", "c"), ("ĎďĐđ", "d"),
            ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"), ("ĜĝĞğĠġĢģ", "g"), ("ĤĥĦħ", "h"),
            ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"), ("Ĵĵ", "j"), ("Ķķ", "k"), ("ĹĺĻļĽľĿŀŁł", "l"),
            ("ÑñŃńŅņŇň", "n"), ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o"), ("ŔŕŖŗŘř", "r"),
            ("ŚśŜŝŞşŠšß", "s"), ("ŢţŤťŦŧ", "t"), ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"),
            ("Ŵŵ", "w"), ("ÝýÿŶŷŸ", "y"), ("ŹźŻżŽž", "z"), ("Ææ", "a"), ("Œœ", "o"),
        ]
        for (letters, ascii) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = ascii }
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
