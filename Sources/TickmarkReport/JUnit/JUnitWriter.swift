import Foundation
import Tickmark
import TickmarkProbes

/// Writes run records as JUnit XML that validates against both the Jenkins `junit-10.xsd` and the
/// stricter Ant schema: one `<testsuite>` per checklist, one `<testcase>` per item.
///
/// Blocking items that fail are `<failure>`, that error are `<error>`; N/A items, items skipped by
/// `when`, and advisory items that did not pass are `<skipped>`; a manual item that is not done is
/// a `<failure>` naming what it waits for.
package enum JUnitWriter {
    /// The XML for `records` (several records from one release combine).
    package static func xml(for records: [RunRecord]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        var suiteID = 0
        for record in records {
            for checklist in record.checklists {
                out += suite(checklist, record: record, id: suiteID)
                suiteID += 1
            }
        }
        out += "</testsuites>\n"
        return out
    }

    private enum Outcome { case pass, failure(String), error(String), skipped(String) }

    private static func outcome(_ item: RunRecord.ItemRecord) -> Outcome {
        if item.state == .na { return .skipped("not applicable") }
        let advisory = item.severity == .advisory
        switch item.status {
        case .pass, .signedOff: return .pass
        case .skipped: return item.blocking ? .failure(item.reason) : .skipped(item.reason)   // did not run, and blocks
        case .manual:
            if item.satisfied || !item.blocking { return advisory && !item.satisfied ? .skipped("advisory: \(item.reason)") : .pass }
            return .failure(item.reason)
        case .fail, .rejected: return advisory ? .skipped("advisory: \(item.reason)") : .failure(item.reason)
        case .error: return advisory ? .skipped("advisory: \(item.reason)") : .error(item.reason)
        }
    }

    /// Blockers of the checklist as a whole, which no item's test case shows: nothing was
    /// checked, or a checklist it `requires` is not GO. Each is a failing test case of its own, so
    /// that a CI page does not read "0 tests, 0 failures" for a run that is NO-GO.
    static func checklistBlockers(_ checklist: RunRecord.ChecklistRecord) -> [String] {
        checklist.blockers.filter { $0.hasPrefix("nothing was checked") || $0.hasPrefix("requires '") }
    }

    private static func suite(_ checklist: RunRecord.ChecklistRecord, record: RunRecord, id: Int) -> String {
        let outcomes = checklist.items.map(outcome)
        let wholeChecklist = checklistBlockers(checklist)
        var failures = wholeChecklist.count, errors = 0, skipped = 0
        for outcome in outcomes {
            switch outcome {
            case .failure: failures += 1
            case .error: errors += 1
            case .skipped: skipped += 1
            case .pass: break
            }
        }
        let totalMilliseconds = checklist.items.flatMap(\.probes).reduce(0) { $0 + $1.durationMilliseconds }
        let timestamp = ISO8601DateFormatter.string(from: record.startedAt, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate])
        var out = "  <testsuite name=\"\(escape(checklist.id))\" id=\"\(id)\" package=\"\(escape(checklist.path))\""
        out += " timestamp=\"\(timestamp)\" hostname=\"\(escape(record.environment.host))\""
        out += " tests=\"\(checklist.items.count + wholeChecklist.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\""
        out += " time=\"\(seconds(totalMilliseconds))\">\n"
        out += "    <properties>\n"
        for (name, value) in [("decision", checklist.decision.rawValue), ("sha256", checklist.sha256), ("tickmark.version", record.tool.version)] {
            out += "      <property name=\"\(name)\" value=\"\(escape(value))\"/>\n"
        }
        out += "    </properties>\n"
        for (item, outcome) in zip(checklist.items, outcomes) {
            let milliseconds = item.probes.reduce(0) { $0 + $1.durationMilliseconds }
            out += "    <testcase classname=\"\(escape(checklist.id))\" name=\"\(escape(item.text.isEmpty ? item.id : item.text))\" time=\"\(seconds(milliseconds))\""
            let body = details(item)
            switch outcome {
            case .pass:
                out += "/>\n"
            case .failure(let message):
                out += ">\n      <failure message=\"\(escape(message))\" type=\"\(item.status.rawValue)\">\(escape(body))</failure>\n    </testcase>\n"
            case .error(let message):
                out += ">\n      <error message=\"\(escape(message))\" type=\"error\">\(escape(body))</error>\n    </testcase>\n"
            case .skipped(let message):
                out += ">\n      <skipped message=\"\(escape(message))\"/>\n    </testcase>\n"
            }
        }
        for blocker in wholeChecklist {
            let name = blocker.hasPrefix("requires '") ? String(blocker.prefix { $0 != ":" }) : "nothing was checked"
            out += "    <testcase classname=\"\(escape(checklist.id))\" name=\"\(escape(name))\" time=\"0.000\""
            out += ">\n      <failure message=\"\(escape(blocker))\" type=\"checklist\">\(escape(blocker))</failure>\n    </testcase>\n"
        }
        out += "    <system-out/>\n    <system-err/>\n  </testsuite>\n"
        return out
    }

    /// The evidence of an item's probes, as plain text for a failure body.
    private static func details(_ item: RunRecord.ItemRecord) -> String {
        var lines = ["\(item.id) (\(item.section.joined(separator: " › ")), line \(item.line))"]
        for probe in item.probes {
            lines.append("\(probe.status.rawValue): \(probe.evidence.action) — \(probe.reason)")
            for field in probe.evidence.fields { lines.append("  \(field.name): \(field.value)") }
            if !probe.evidence.output.isEmpty { lines.append(probe.evidence.output) }
        }
        return lines.joined(separator: "\n")
    }

    /// Milliseconds as seconds with exactly three decimals.
    static func seconds(_ milliseconds: Int) -> String {
        let value = max(0, milliseconds)
        let fraction = value % 1000
        return "\(value / 1000)." + String(repeating: "0", count: fraction < 10 ? 2 : fraction < 100 ? 1 : 0) + "\(fraction)"
    }

    /// Escapes XML text and attribute values, dropping characters XML cannot hold.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                let value = scalar.value
                if value < 0x20 || (0xFFFE...0xFFFF).contains(value) || (0xD800...0xDFFF).contains(value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
