import Foundation
import Tickmark

/// How one probe ended.
package enum ProbeStatus: String, Sendable, Codable, Equatable {
    /// The check ran and its expectation held.
    case pass
    /// The check ran and its expectation did not hold.
    case fail
    /// The check could not run: bad configuration, DNS failure, missing binary, timeout.
    case error
    /// The check did not run: its `when` was false or an item it `needs` did not pass.
    case skipped
}

/// One named fact of a probe's evidence (`status` = `503`, `exit` = `1`).
package struct EvidenceField: Sendable, Equatable, Codable {
    /// The fact's name.
    package var name: String
    /// Its value, as text.
    package var value: String

    /// Creates a field.
    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// What a probe did and saw, kept bounded in size, for records and reports.
package struct ProbeEvidence: Sendable, Equatable {
    /// The largest `output` kept, in bytes (its tail is kept).
    package static let outputLimit = 8 * 1024

    /// What was run or requested, in one line (`sh -c 'swift test'`, `GET https://…`).
    package var action: String
    /// Relevant output (command output tail, response body head), at most `outputLimit` bytes.
    package var output: String
    /// Named facts: status code, exit status, latency, certificate expiry….
    package var fields: [EvidenceField]

    /// Creates evidence.
    package init(action: String, output: String = "", fields: [EvidenceField] = []) {
        self.action = action
        self.output = output
        self.fields = fields
    }
}

/// The result of one attempt of one probe.
package struct ProbeResult: Sendable, Equatable {
    /// Pass, fail, error or skipped.
    package var status: ProbeStatus
    /// One line saying why, such as `expected status 200, got 503`.
    package var reason: String
    /// What was run and seen.
    package var evidence: ProbeEvidence
    /// Why another attempt could not change this result (a command that is not found), in words
    /// that complete "not retried: …"; `nil` when it could. The runner makes no further attempt then.
    package var notRetriedBecause: String?

    /// Creates a result.
    package init(_ status: ProbeStatus, _ reason: String, evidence: ProbeEvidence, notRetriedBecause: String? = nil) {
        self.status = status
        self.reason = reason
        self.evidence = evidence
        self.notRetriedBecause = notRetriedBecause
    }
}
