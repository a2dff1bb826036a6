import Tickmark

extension JSONValue {
    /// A probe option's value as an expected JSON value (YAML scalars keep their type; inline
    /// option values are strings). A key given twice keeps its last value, in its first place.
    package init(_ value: ProbeValue) {
        switch value {
        case .null: self = .null
        case .boolean(let flag): self = .bool(flag)
        case .integer(let number): self = .number(Double(number))
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .list(let elements): self = .array(elements.map(JSONValue.init))
        case .mapping(let entries):
            var members: [Member] = []
            var indexOfKey: [String: Int] = [:]
            for entry in entries {
                if let index = indexOfKey[entry.key] {
                    members[index].value = JSONValue(entry.value)
                } else {
                    indexOfKey[entry.key] = members.count
                    members.append(Member(entry.key, JSONValue(entry.value)))
                }
            }
            self = .object(members)
        }
    }

    /// For scalars, the text they are written as in JSON, without quotes for strings
    /// (`3`, `1.5`, `true`, `null`, `abc`); `nil` for arrays and objects.
    package var scalarText: String? {
        switch self {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): number.isFinite ? JSONWriter.numberText(number) : String(number)
        case .string(let text): text
        case .array, .object: nil
        }
    }

    /// Compact JSON text with the keys of every object sorted, as evidence and messages show
    /// values, so that the text does not depend on the order a server sent the members in.
    package var evidenceText: String {
        var writer = JSONWriter(format: .compact)
        writer.value(sortingKeys())
        return writer.text
    }

    /// The value with the members of every object in the order of their keys.
    private func sortingKeys() -> JSONValue {
        switch self {
        case .array(let elements): .array(elements.map { $0.sortingKeys() })
        case .object(let members): .object(members.sorted { $0.key < $1.key }.map { Member($0.key, $0.value.sortingKeys()) })
        default: self
        }
    }

    /// The value of `text` when it is a JSON number (`-1`, `1.50`, `1e2`), nil otherwise.
    static func numberValue(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == 0x2D { index += 1 }
        guard digits() > 0 else { return nil }
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < bytes.count, bytes[index] | 0x20 == 0x65 {
            index += 1
            if index < bytes.count, bytes[index] == 0x2B || bytes[index] == 0x2D { index += 1 }
            guard digits() > 0 else { return nil }
        }
        guard index == bytes.count, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private func scalarText(_ number: Double) -> String { JSONValue.number(number).scalarText ?? "" }

    /// Whether `actual` satisfies this value taken as an expectation.
    ///
    /// Scalars match when their JSON text is the same, so the expectation `"3"` (as every inline
    /// value is a string) matches the number `3`, and `true` matches `true`; numbers match by
    /// value, so `"1.0"`, `"1e0"` and `1` all match the number `1`. An expected array
    /// matches an array of the same length whose elements match one by one. An expected object
    /// matches an object that has every expected key with a matching value; other keys are ignored.
    package func isSatisfied(by actual: JSONValue) -> Bool {
        switch (self, actual) {
        case (.array(let expected), .array(let found)):
            return expected.count == found.count && zip(expected, found).allSatisfy { $0.isSatisfied(by: $1) }
        case (.object(let expected), .object):
            return expected.allSatisfy { member in actual[member.key].map { member.value.isSatisfied(by: $0) } ?? false }
        case (.number(let expected), .number(let found)):
            return expected == found
        case (.string(let expected), .number(let found)):
            // An inline value is text: a number written any way (1.0, 1e2, 100) matches by value.
            if let value = JSONValue.numberValue(expected) { return value == found }
            return expected == scalarText(found)
        default:
            guard let expected = scalarText, let found = actual.scalarText else { return false }
            return expected == found
        }
    }
}
