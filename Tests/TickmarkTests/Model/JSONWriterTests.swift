import Foundation
import Testing
@testable import Tickmark

@Suite struct JSONWriterTests {
    /// Strings of every length around the eight-byte steps, with characters that need escaping
    /// at every offset, read back by Foundation's parser.
    @Test func stringsRoundTripThroughAJSONParser() throws {
        let alphabet: [String] = ["a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}", "é", "發", "🚀", "/", "~", "!", "\u{20}"]
        var generator = SystemRandomNumberGenerator()
        var values: [String] = []
        for length in 0..<40 {
            for _ in 0..<6 {
                values.append(String((0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()))
            }
        }
        values += ["plain ascii text of some length", String(repeating: "x", count: 1000) + "\"", "\u{00}"]
        for pretty in [true, false] {
            var writer = JSONWriter(pretty: pretty, capacity: 16)
            writer.beginArray()
            for value in values { writer.string(value) }
            writer.endArray()
            let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
            #expect(parsed == values)
        }
    }

    @Test func escapesAreTheShortForms() {
        var writer = JSONWriter(pretty: false)
        writer.string("a\"b\\c\nd\re\tf\u{01}g\u{1F}")
        #expect(writer.text == #""a\"b\\c\nd\re\tf\u0001g\u001f""#)
    }

    @Test func hexStringsAndDeepIndentation() throws {
        var writer = JSONWriter(pretty: true)
        writer.hexString([0x00, 0x0F, 0xA0, 0xFF] as [UInt8])
        #expect(writer.text == #""000fa0ff""#)
        var nested = JSONWriter(pretty: true)
        for _ in 0..<100 { nested.beginArray() }
        nested.integer(7)
        for _ in 0..<100 { nested.endArray() }
        let lines = nested.text.split(separator: "\n")
        #expect(lines.count == 201)
        #expect(lines[100] == Substring(String(repeating: " ", count: 200) + "7"))
        #expect(lines[199] == "  ]" && lines[200] == "]")
        #expect(try JSONSerialization.jsonObject(with: Data(nested.bytes)) is [Any])
    }

    /// Keys deep in nested objects (past the 64 levels kept in one word) get their commas,
    /// lines and indentation, pretty or compact.
    @Test(arguments: [true, false])
    func keysInDeeplyNestedObjects(pretty: Bool) {
        let depth = 70
        var writer = JSONWriter(pretty: pretty)
        for _ in 0..<depth {
            writer.beginObject()
            writer.staticKey("first")
            writer.integer(1)
            writer.staticKey("next")
        }
        writer.boolean(true)
        for _ in 0..<depth { writer.endObject() }
        // The same document built by hand, inside out.
        var expected = "true"
        for level in stride(from: depth - 1, through: 0, by: -1) {
            let inner = pretty ? "\n" + String(repeating: "  ", count: level + 1) : ""
            let outer = pretty ? "\n" + String(repeating: "  ", count: level) : ""
            let colon = pretty ? ": " : ":"
            expected = "{" + inner + "\"first\"" + colon + "1," + inner + "\"next\"" + colon + expected + outer + "}"
        }
        #expect(writer.text == expected)
    }
}
