import Tickmark

/// The approvals a verified release predicate names, one line each for `verify`: who approved
/// which item, and for a signed approval the key's fingerprint and whose key it is.
package enum PredicateApprovers {
    /// `approved by Ana Lima <ana@example.com>: staging › qa-approves (valid), key SHA256:… of Ana Lima <ana@example.com>`;
    /// nothing when `statement` is not a release predicate.
    package static func lines(of statement: InTotoStatement?) -> [String] {
        guard let statement, statement.predicateType == InTotoPredicate.releaseReportType,
              let approvers = statement.predicate["approvers"]?.arrayValue else { return [] }
        var lines: [String] = []
        if let decision = statement.predicate["decision"]?.stringValue {
            let version = statement.predicate["version"]?.stringValue.map { " for version \($0)" } ?? ""
            lines.append("release decision \(decision)\(version), \(approvers.count) sign-off\(approvers.count == 1 ? "" : "s"):")
        }
        for approver in approvers {
            let verb = approver["decision"]?.stringValue == "reject" ? "rejected" : "approved"
            let who = approver["by"]?.stringValue ?? "?"
            let item = "\(approver["checklist"]?.stringValue ?? "?") › \(approver["item"]?.stringValue ?? "?")"
            let validity = approver["validity"]?.stringValue.map { " (\($0))" } ?? ""
            var line = "\(verb) by \(who): \(item)\(validity), "
            if let signature = approver["signature"], signature.objectMembers != nil {
                let fingerprint = signature["fingerprint"]?.stringValue ?? "?"
                switch signature["signer"]?.stringValue {
                case "verified": line += "key \(fingerprint) of \(signature["principal"]?.stringValue ?? "?")"
                case "refused": line += "key \(fingerprint), refused: \(signature["problem"]?.stringValue ?? "?")"
                default: line += "key \(fingerprint) (signer not verified: no roster)"
                }
            } else {
                line += approver["signed"]?.boolValue == true ? "signed" : "not signed"
            }
            lines.append(line)
        }
        return lines
    }
}
