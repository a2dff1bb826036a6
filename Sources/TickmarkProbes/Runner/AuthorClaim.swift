/// The wording of a manual item ticked in a pull request's body: the author *claims* it is done;
/// nobody signed it off. Runs, records and reports recognise a claim by this wording.
package enum AuthorClaim {
    private static let prefix = "claimed by "
    private static let role = ", the pull request's author"
    /// The end of every reason of a ticked manual item that `--strict` does not count.
    package static let strictSuffix = ", but --strict needs a sign-off"

    /// `claimed by @login, the pull request's author` (and, with `strict`, that it does not count).
    package static func reason(by author: String, strict: Bool) -> String {
        prefix + author + role + (strict ? strictSuffix : "")
    }

    /// The author a reason names as claiming the item, if it is a claim.
    package static func claimant(in reason: String) -> String? {
        guard reason.hasPrefix(prefix) else { return nil }
        let rest = reason.dropFirst(prefix.count)
        guard let end = rest.range(of: role) else { return nil }
        return String(rest[..<end.lowerBound])
    }

    /// Whether a reason is a claim.
    package static func isClaim(_ reason: String) -> Bool { claimant(in: reason) != nil }
}
