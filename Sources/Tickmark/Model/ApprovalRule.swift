/// An approval rule on a manual item (SPEC §6), written as a code span in the item's text:
/// `` `approve: 2 @release-manager not=author` ``, `` `approve: 1 @security after=qa/smoke-test signed=true` ``.
///
/// The item is done only when `count` distinct people, each in `role` (when one is named), have
/// approved it with a sign-off that counts; with `notAuthor`, the author of the change is not one
/// of them; with `after`, only approvals given after each named item was done count; with
/// `signed`, only sign-offs signed with one of the person's roster keys count.
package struct ApprovalRule: Sendable, Hashable {
    /// How many distinct people must approve.
    package var count: Int
    /// The role they must hold in the roster, without the `@`; `nil`: anyone.
    package var role: String?
    /// The author of the change (release commit or pull request) cannot approve.
    package var notAuthor: Bool
    /// Items (ids) that must be done before an approval counts.
    package var after: [String]
    /// Only sign-offs signed with one of the person's roster keys count.
    package var signed: Bool
    /// The code span's text as written (`approve: 2 @release-manager`).
    package var source: String
    /// Where the code span's text starts (`nil` for a rule read back from a record).
    package var position: SourcePosition?
    /// The byte offset of the role's `@` in `source`, for diagnostics about it.
    package var roleOffsetInSource: Int?
    /// The byte offset of each `after=` item in `source` (of its value), in the order of `after`.
    package var afterOffsetsInSource: [Int] = []

    package init(
        count: Int, role: String?, notAuthor: Bool = false, after: [String] = [], signed: Bool = false,
        source: String, position: SourcePosition? = nil
    ) {
        self.count = count
        self.role = role
        self.notAuthor = notAuthor
        self.after = after
        self.signed = signed
        self.source = source
        self.position = position
    }

    /// `2 approvals from @release-manager (distinct people, not the author, after qa/smoke-test,
    /// signed with roster keys)`: what the rule asks, for `show`.
    package var requirementText: String {
        var text = "\(count) approval\(count == 1 ? "" : "s")" + (role.map { " from @\($0)" } ?? " from anyone")
        var conditions = count > 1 ? ["distinct people"] : []
        if notAuthor { conditions.append("not the author") }
        if !after.isEmpty { conditions.append("after " + after.joined(separator: ", ")) }
        if signed { conditions.append("signed with roster keys") }
        if !conditions.isEmpty { text += " (" + conditions.joined(separator: ", ") + ")" }
        return text
    }
}

extension ApprovalRule {
    /// A problem in an `approve:` span: its message and the byte range it concerns in the span.
    package struct Problem: Error, Sendable, Equatable {
        package var message: String
        package var offset: Int
        package var length: Int
    }

    /// Option names an `approve:` span accepts.
    package static let optionNames = ["not", "after", "signed", "distinct"]

    /// Whether a code span's text is an approval rule.
    package static func isRule(_ literal: String) -> Bool {
        isRule(literal.utf8)
    }

    /// Whether a code span's bytes hold an approval rule.
    package static func isRule<Bytes: Collection<UInt8>>(_ literal: Bytes) -> Bool {
        literal.drop { $0 == 0x20 }.starts(with: "approve:".utf8)
    }

    /// Reads a rule from an `approve:` code span's text, with positions left unset.
    package static func parse(_ literal: String) -> Result<ApprovalRule, Problem> {
        let bytes = Array(literal.utf8)
        var index = 0
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        index += "approve:".utf8.count
        guard index <= bytes.count else {
            return .failure(Problem(message: "an approval rule reads `approve: N @role`", offset: 0, length: bytes.count))
        }
        let words: [ShellWord]
        switch ShellWords.split(String(decoding: bytes[index...], as: UTF8.self)) {
        case .failure(let problem):
            return .failure(Problem(message: "approval rule has an \(problem.message)", offset: index + problem.offset, length: 1))
        case .success(let split): words = split
        }
        var count: Int?
        var rule = ApprovalRule(count: 0, role: nil, source: literal)
        var roleOffset: Int?
        var afterOffsets: [Int] = []
        for word in words {
            let offset = index + word.offset
            let problem = { (message: String) in Problem(message: message, offset: offset, length: max(1, word.length)) }
            if let keyLength = word.optionKeyLength {
                let key = String(decoding: word.value.utf8.prefix(keyLength - 1), as: UTF8.self)
                let value = String(decoding: word.value.utf8.dropFirst(keyLength), as: UTF8.self)
                switch key {
                case "not":
                    guard value == "author" else { return .failure(problem("`not=` takes `author` (the author of the change cannot approve), not '\(value)'")) }
                    rule.notAuthor = true
                case "after":
                    let ids = value.split(separator: ",").map(String.init)
                    guard !ids.isEmpty else { return .failure(problem("`after=` names the item that must be done first, such as after=qa/smoke-test")) }
                    rule.after += ids
                    afterOffsets += ids.map { _ in offset + keyLength }
                case "signed", "distinct":
                    guard let flag = ["true": true, "yes": true, "false": false, "no": false][value.lowercased()] else {
                        return .failure(problem("`\(key)=` is true or false, not '\(value)'"))
                    }
                    if key == "signed" { rule.signed = flag }
                    else if !flag { return .failure(problem("approvals are always distinct: one person counts once; remove `distinct=false`")) }
                default:
                    var message = "unknown approval option '\(key)'"
                    if let near = Suggestion.closest(to: key, among: optionNames) { message += "; did you mean '\(near)'?" }
                    return .failure(problem(message + " (options: not=author, after=ITEM, signed=true)"))
                }
            } else if word.value == "distinct" {
                continue
            } else if word.value.hasPrefix("@") {
                let name = String(word.value.dropFirst())
                guard !name.isEmpty else { return .failure(problem("a role is written @name, such as @release-manager")) }
                guard rule.role == nil else {
                    return .failure(problem("an approval rule names one role; write a second `approve:` span for @\(name)"))
                }
                rule.role = name
                roleOffset = offset
            } else if let number = Int(word.value) {
                guard count == nil else { return .failure(problem("an approval rule has one number of approvals")) }
                guard (1...99).contains(number) else { return .failure(problem("the number of approvals is from 1 to 99, not \(number)")) }
                count = number
            } else {
                return .failure(problem("'\(word.value)' is not part of an approval rule; write `approve: N @role` with options not=author, after=ITEM, signed=true"))
            }
        }
        guard let count else {
            return .failure(Problem(message: "approval rule has no number of approvals; write `approve: N @role`, such as `approve: 2 @release-manager`", offset: 0, length: bytes.count))
        }
        rule.count = count
        rule.roleOffsetInSource = roleOffset
        rule.afterOffsetsInSource = afterOffsets
        return .success(rule)
    }
}
