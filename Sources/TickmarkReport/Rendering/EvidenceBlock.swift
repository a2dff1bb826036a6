import Tickmark
import TickmarkProbes

/// The collapsible `<details>` block of an item's probe evidence, as Markdown lines to insert
/// after the item's own content.
///
/// Every line starts with the item's content prefix, so the block stays inside the list item (and
/// inside a block quote). Blank lines surround the HTML so GFM ends each HTML block and reads the
/// fenced evidence between them as Markdown. The evidence itself is in a fenced `text` block,
/// whose fence is longer than any backtick run in it, so nothing in it is read as Markdown.
struct EvidenceBlock {
    /// The item whose evidence this is.
    var item: RunRecord.ItemRecord
    /// Bytes every line starts with (the item's content indent, `>` kept).
    var prefix: [UInt8]
    /// The file's line ending.
    var lineEnding: [UInt8]

    /// The block's bytes, starting and ending with a blank line.
    var bytes: [UInt8] {
        let open = item.status == .fail || item.status == .error ? "<details open>" : "<details>"
        let summary = "Evidence: \(item.status.rawValue) — \(ReportText.oneLine(item.reason))"
        let body = evidenceLines
        let longest = body.map(Self.longestBacktickRun).max() ?? 0
        let fence = String(repeating: "`", count: max(3, longest + 1))
        var lines: [String?] = [nil, "\(open)<summary>\(ReportText.html(summary))</summary>", nil, fence + "text"]
        lines += body.map { $0.isEmpty ? nil : $0 }
        lines += [fence, nil, "</details>", nil]
        var out: [UInt8] = []
        let blank = Array(prefix.reversed().drop { $0 == 0x20 || $0 == 0x09 }.reversed())
        for line in lines {
            if let line {
                out += prefix + Array(line.utf8)
            } else {
                out += blank
            }
            out += lineEnding
        }
        return out
    }

    /// One paragraph per probe: what it was, how it ended, its facts, then its output.
    var evidenceLines: [String] {
        var lines: [String] = []
        for (index, probe) in item.probes.enumerated() {
            if index > 0 { lines.append("") }
            var head = "\(probe.kind) probe (line \(probe.line)): \(probe.status.rawValue)"
            head += " · " + ReportText.duration(milliseconds: probe.durationMilliseconds)
            if probe.attempts > 1 { head += " · \(probe.attempts) attempts" }
            if probe.advisory { head += " · advisory" }
            lines.append(head)
            if !probe.summary.isEmpty { lines.append("checks: \(probe.summary)") }
            if !probe.evidence.action.isEmpty, probe.evidence.action != probe.summary { lines.append("ran: \(probe.evidence.action)") }
            if !probe.reason.isEmpty { lines.append("result: \(probe.reason)") }
            for field in probe.evidence.fields { lines.append("\(field.name): \(field.value)") }
            let output = Self.lines(probe.evidence.output)
            if !output.isEmpty {
                lines.append("output:")
                lines += output
            }
        }
        return lines.flatMap(Self.lines)
    }

    /// `text` split into lines at any line ending, without a final empty line, terminal escape
    /// sequences and other control characters (tabs aside) removed.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(printable)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// `line` without ANSI escape sequences (`ESC [ … letter`) and control characters other than tab.
    static func printable(_ line: Substring) -> String {
        var out = String.UnicodeScalarView()
        var scalars = line.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\u{1B}" {
                var next = scalars.next()
                if next == "[" {
                    repeat { next = scalars.next() } while next.map({ !(0x40...0x7E).contains($0.value) }) ?? false
                }
                continue
            }
            if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F { continue }
            out.append(scalar)
        }
        return String(out)
    }

    static func longestBacktickRun(_ line: String) -> Int {
        var longest = 0
        var current = 0
        for byte in line.utf8 {
            current = byte == 0x60 ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
