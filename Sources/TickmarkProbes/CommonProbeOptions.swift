import Foundation
import Tickmark

/// How often to attempt a probe, and how long to wait between attempts.
package struct RetryPolicy: Sendable, Equatable {
    /// Total attempts, at least one.
    package var attempts: Int
    /// Pause between attempts.
    package var interval: Duration

    /// Creates a policy.
    package init(attempts: Int = 1, interval: Duration = .seconds(1)) {
        self.attempts = max(1, attempts)
        self.interval = interval
    }
}

/// A `when` condition: `${env} == production`, `${env} != dev`, or a single value that must be
/// non-empty and not `false`/`0`/`no`.
package struct ProbeCondition: Sendable, Equatable {
    /// The comparison.
    package enum Operator: String, Sendable { case equal = "==", notEqual = "!=", truthy = "" }
    /// The left side (or the single value).
    package var left: String
    /// The comparison.
    package var op: Operator
    /// The right side (empty for `truthy`).
    package var right: String

    /// Parses a condition; `nil` when it is not one.
    package static func parse(_ text: String) -> ProbeCondition? {
        for op in [Operator.equal, .notEqual] {
            let parts = text.components(separatedBy: op.rawValue)
            if parts.count == 2 {
                return ProbeCondition(left: unquote(parts[0]), op: op, right: unquote(parts[1]))
            }
            if parts.count > 2 { return nil }
        }
        let value = unquote(text)
        return value.isEmpty ? nil : ProbeCondition(left: value, op: .truthy, right: "")
    }

    /// Evaluates the condition once variables are substituted.
    package func evaluate() -> Bool {
        switch op {
        case .equal: left == right
        case .notEqual: left != right
        case .truthy: !left.isEmpty && !["false", "0", "no", "off"].contains(left.lowercased())
        }
    }

    private static func unquote(_ text: String) -> String {
        let trimmed = text.trimmingASCIIWhitespace()
        if trimmed.count >= 2, let first = trimmed.first, first == trimmed.last, first == "\"" || first == "'" {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }
}

/// The options every probe accepts (SPEC §1.4).
package struct CommonProbeOptions: Sendable, Equatable {
    /// Option names every kind accepts.
    package static let keys = ["timeout", "retry", "advisory", "id", "needs", "when", "fresh", "warn"]

    /// Time limit of one attempt; `nil` means the checklist or built-in default (30 s).
    package var timeout: Duration?
    /// Attempts and interval; `nil` means the checklist default, else one attempt.
    package var retry: RetryPolicy?
    /// Advisory probes never block.
    package var advisory: Bool = false
    /// An explicit id.
    package var id: String?
    /// Item ids that must pass before this probe runs.
    package var needs: [String] = []
    /// The raw `when` condition, substituted and evaluated at run time.
    package var when: String?
    /// How long the probe's result counts (`fresh`, `warn`); see `CommonProbeOptions+Freshness.swift`.
    package var freshness = Freshness()

    /// Reads the common options from `decoder`.
    static func decode(_ decoder: inout ProbeDecoder) -> CommonProbeOptions {
        var common = CommonProbeOptions()
        common.timeout = decoder.duration("timeout")
        if let option = decoder.option("retry") {
            common.retry = decodeRetry(option, &decoder)
        }
        common.advisory = decoder.boolean("advisory") ?? false
        common.id = decoder.string("id")
        common.needs = decoder.stringList("needs") ?? []
        common.freshness = decodeFreshness(&decoder)
        if let option = decoder.spec.option("when") {
            let text = decoder.string("when") ?? ""
            if ProbeCondition.parse(text) == nil {
                decoder.error(.invalidArgument, "'when' must be a condition such as `${env} == production`", at: option.position, length: 4)
            } else {
                common.when = text
            }
        }
        return common
    }

    /// `retry: { attempts: 10, interval: 5s }`, or `retry=10` (attempts) inline.
    private static func decodeRetry(_ option: ProbeOption, _ decoder: inout ProbeDecoder) -> RetryPolicy? {
        switch option.value {
        case .mapping(let entries):
            var policy = RetryPolicy()
            for entry in entries {
                let text = entry.value.scalarText ?? ""
                switch entry.key {
                case "attempts":
                    guard let attempts = Int(text), attempts >= 1 else {
                        decoder.error(.invalidArgument, "'attempts' must be a whole number of at least 1, not '\(text)'", at: entry.position, length: 8)
                        return nil
                    }
                    policy.attempts = attempts
                case "interval":
                    guard let interval = decoder.parseDuration(text, at: entry.position, name: "interval") else { return nil }
                    policy.interval = interval
                default:
                    var message = "'retry' has no key '\(entry.key)'"
                    if let suggestion = Suggestion.closest(to: entry.key, among: ["attempts", "interval"]) { message += "; did you mean '\(suggestion)'?" }
                    decoder.error(.unknownOption, message, at: entry.position, length: entry.key.utf8.count)
                    return nil
                }
            }
            return policy
        default:
            let text = option.value.scalarText ?? ""
            guard let attempts = Int(text), attempts >= 1 else {
                decoder.error(.invalidArgument, "'retry' must be a number of attempts or { attempts: N, interval: 5s }", at: option.position, length: 5)
                return nil
            }
            return RetryPolicy(attempts: attempts)
        }
    }
}
