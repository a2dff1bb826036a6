import Testing
@testable import Tickmark

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValueAndKeepsKeyOrder() throws {
        let value = try JSONParser.parse(#" {"z": [1, -2.5, 3e2, true, false, null], "a": {"b": "c"}, "": ""} "#)
        #expect(value.keys == ["z", "a", ""])
        #expect(value["z"] == .array([.integer(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null]))
        #expect(value["a"]?["b"]?.stringValue == "c")
        #expect(value["missing"] == nil)
        #expect(value["z"]?.arrayValue?.first?.intValue == 1)
        #expect(value["z"]?.arrayValue?[1].intValue == nil)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00 ü""#)
        #expect(value.stringValue == "a\"b\\c/d\u{08}\u{0C}\n\r\té😀 ü")
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "-", "1.", ".5", "1e", "+1", "NaN", "Infinity",
        "1e400", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"tab\there\"", "\"open",
        "tru", "nul", "[1] [2]", "{\"a\":1,\"a\":2}", "// comment\n1", "\u{FEFF}1", "'a'", "[1\u{0B}]",
    ])
    func refusesTextThatIsNotStrictJSON(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func refusesInvalidUTF8AndSaysWhere() {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0x61, 0xC3, 0x28, 0x22]) }
        #expect(error?.offset == 2)
    }

    @Test func refusesNestingBeyondTheLimit() throws {
        let deep = String(repeating: "[", count: JSONParser.maxDepth + 1) + String(repeating: "]", count: JSONParser.maxDepth + 1)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        _ = try JSONParser.parse(fine)
    }

    @Test func pointsAtTheOffendingByte() {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse("[1, 2, x]") }
        #expect(error?.offset == 7)
    }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, 7, "duplicate key 'a'"),
        ("[1,2,]", 5, "unexpected character ']', expected a value"),
        (#"{"a":1,}"#, 7, "expected a key in double quotes"),
        ("[01]", 2, "a number may not have a leading zero"),
        (#"["\q"]"#, 3, "invalid escape '\\q'"),
        (#"["\ud800x"]"#, 8, "a high surrogate \\u escape must be followed by a low one"),
        ("[1] x", 4, "unexpected text after the JSON value"),
    ] as [(String, Int, String)])
    func saysWhatIsWrongAndWhere(text: String, offset: Int, message: String) {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        #expect(error?.offset == offset)
        #expect(error?.message == message)
        #expect(error?.description == "\(message) (at byte \(offset))")
    }
}
