import Foundation
import Testing
@testable import Tickmark

@Suite struct JSONValueTextTests {
    static let sample: JSONValue = .object([
        "name": .string("tab\tquote\" slash/ é"),
        "count": .integer(3),
        "ratio": .number(0.25),
        "list": .array([.null, .bool(true), .array([]), .object([])]),
    ])

    @Test func writesCompactTextInMemberOrder() {
        #expect(Self.sample.text() == #"{"name":"tab\tquote\" slash/ é","count":3,"ratio":0.25,"list":[null,true,[],{}]}"#)
        #expect(Self.sample.description == Self.sample.text())
    }

    @Test func writesPrettyTextWithTwoSpaces() {
        let expected = """
            {
              "name": "tab\\tquote\\" slash/ é",
              "count": 3,
              "ratio": 0.25,
              "list": [
                null,
                true,
                [],
                {}
              ]
            }
            """
        #expect(Self.sample.text(pretty: true) == expected)
    }

    @Test func roundTripsThroughTheParser() throws {
        #expect(try JSONParser.parse(Self.sample.serialized()) == Self.sample)
        #expect(try JSONParser.parse(Self.sample.serialized(pretty: true)) == Self.sample)
        let control = JSONValue.string("\u{01}\u{08}\u{0C}\u{1F}\u{7F}\r\n")
        #expect(try JSONParser.parse(control.serialized()) == control)
        #expect(control.text() == "\"\\u0001\\b\\f\\u001f\u{7F}\\r\\n\"")
        let numbers = JSONValue.array([.integer(9_007_199_254_740_992), .number(-0.5), .number(1e300), .number(5e-324)])
        #expect(numbers.text() == "[9007199254740992,-0.5,1e+300,5e-324]")
        #expect(try JSONParser.parse(numbers.serialized()) == numbers)
    }

    /// A value nested 10,000 deep is written without recursion, and the parser refuses to read
    /// it back with an error rather than by running out of stack.
    @Test(arguments: [true, false])
    func deepNestingIsWrittenAndRefusedWithoutCrashing(objects: Bool) {
        let depth = 10_000
        var value = JSONValue.integer(1)
        for _ in 0..<depth { value = objects ? .object(["k": value]) : .array([value]) }
        let text = value.serialized()
        let open = objects ? #"{"k":"# : "["
        let close = objects ? "}" : "]"
        #expect(text == Array((String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)).utf8))
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        #expect(error?.message == "nesting deeper than \(JSONParser.maxDepth) levels")
        #expect(error?.offset == JSONParser.maxDepth * open.utf8.count)
        // Taken apart level by level, so that releasing it does not recurse 10,000 deep either.
        while true {
            switch value {
            case .array(let elements) where !elements.isEmpty: value = elements[0]
            case .object(let members) where !members.isEmpty: value = members[0].value
            default: return
            }
        }
    }
}
