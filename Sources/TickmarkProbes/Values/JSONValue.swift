import Foundation
import Tickmark

/// A JSON value: what an `http` probe's response body is read into, and what a `json`
/// expectation holds.
public indirect enum JSONValue: Sendable, Hashable, Decodable, CustomStringConvertible {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number (read as a double: integers beyond 2^53 lose precision).
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object([String: JSONValue])

    /// Reads a JSON document.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([JSONValue].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// A probe option's value as an expected JSON value (YAML scalars keep their type; inline
    /// option values are strings).
    public init(_ value: ProbeValue) {
        switch value {
        case .null: self = .null
        case .boolean(let flag): self = .bool(flag)
        case .integer(let number): self = .number(Double(number))
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .list(let elements): self = .array(elements.map(JSONValue.init))
        case .mapping(let entries):
            self = .object(Dictionary(entries.map { ($0.key, JSONValue($0.value)) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// For scalars, the text they are written as in JSON, without quotes for strings
    /// (`3`, `1.5`, `true`, `null`, `abc`); `nil` for arrays and objects.
    public var scalarText: String? {
        switch self {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number):
            if number.rounded() == number, abs(number) < 1e15 { String(Int64(number)) } else { String(number) }
        case .string(let text): text
        case .array, .object: nil
        }
    }

    /// Compact JSON text, keys sorted, for evidence and messages.
    public var description: String {
        switch self {
        case .string(let text): JSONValue.quoted(text)
        case .array(let elements): "[" + elements.map(\.description).joined(separator: ",") + "]"
        case .object(let members):
            "{" + members.sorted { $0.key < $1.key }.map { JSONValue.quoted($0.key) + ":" + $0.value.description }
                .joined(separator: ",") + "}"
        default: scalarText ?? ""
        }
    }

    /// Whether `actual` satisfies this value taken as an expectation.
    ///
    /// Scalars match when their JSON text is the same, so the expectation `"3"` (as every inline
    /// value is a string) matches the number `3`, and `true` matches `true`. An expected array
    /// matches an array of the same length whose elements match one by one. An expected object
    /// matches an object that has every expected key with a matching value; other keys are ignored.
    public func isSatisfied(by actual: JSONValue) -> Bool {
        switch (self, actual) {
        case (.array(let expected), .array(let found)):
            return expected.count == found.count && zip(expected, found).allSatisfy { $0.isSatisfied(by: $1) }
        case (.object(let expected), .object(let found)):
            return expected.allSatisfy { key, value in found[key].map { value.isSatisfied(by: $0) } ?? false }
        case (.number(let expected), .number(let found)):
            return expected == found
        default:
            guard let expected = scalarText, let found = actual.scalarText else { return false }
            return expected == found
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
