import Foundation
import Testing
@testable import Tickmark

@Suite struct JSONWriterTests {
    /// Strings with characters that need escaping at every offset, read back by Foundation's parser.
    @Test func stringsRoundTripThroughFoundationsParser() throws {
        let alphabet: [String] = ["a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{08}", "\u{0C}", "\u{1F}", "\u{7F}", "é", "發", "🚀", "/", "\u{2028}"]
        var generator = SystemRandomNumberGenerator()
        var values: [String] = []
        for length in 0..<40 {
            for _ in 0..<6 { values.append((0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()) }
        }
        values += [String(repeating: "x", count: 1000) + "\"", "\u{00}"]
        for format in [JSONWriter.Format.pretty, .compact, .record] {
            var writer = JSONWriter(format: format, capacity: 16)
            writer.beginArray()
            for value in values { writer.string(value) }
            writer.endArray()
            #expect(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String] == values)
            #expect(try JSONParser.parse(writer.bytes) == .array(values.map(JSONValue.string)))
        }
    }

    @Test func escapesOnlyQuotesBackslashesAndControlCharacters() {
        var writer = JSONWriter(pretty: false)
        writer.string("a\"b\\c\nd\re\tf\u{01}g\u{1F}h\u{08}\u{0C}/é😀\u{7F}")
        #expect(writer.text == "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh\\u0008\\u000c/é😀\u{7F}\"")
        var short = JSONWriter(format: .record)
        short.string("\u{08}\u{0C}\u{0B}")
        #expect(short.text == #""\b\f\u000b""#)
    }

    /// A Swift string cannot hold a lone surrogate: bytes that would encode one are repaired
    /// when the string is made, so what the writer gets is always valid Unicode it writes as is.
    @Test func textFromBrokenBytesIsWrittenAsValidUTF8() throws {
        let text = String(decoding: [0x61, 0xED, 0xA0, 0x80, 0x62] as [UInt8], as: UTF8.self)
        var writer = JSONWriter(pretty: false)
        writer.string(text)
        #expect(writer.text == "\"a\u{FFFD}\u{FFFD}\u{FFFD}b\"")
        #expect(try JSONParser.parse(writer.bytes) == .string(text))
    }

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (3, "3"), (-42, "-42"), (0.25, "0.25"), (-1.5, "-1.5"), (1e15, "1000000000000000"),
        (9_007_199_254_740_992, "9007199254740992"), (18_014_398_509_481_984, "1.8014398509481984e+16"), (1e300, "1e+300"),
        (0.1, "0.1"), (.infinity, "null"), (.nan, "null"),
    ] as [(Double, String)])
    func writesNumbersExactlyAndNonFiniteOnesAsNull(value: Double, text: String) {
        var writer = JSONWriter(pretty: false)
        writer.number(value)
        #expect(writer.text == text)
    }

    @Test func integersOfEveryMagnitude() {
        var writer = JSONWriter(pretty: false)
        writer.beginArray()
        for value in [0, 7, 10, -1, Int.max, Int.min] { writer.integer(value) }
        writer.endArray()
        #expect(writer.text == "[0,7,10,-1,\(Int.max),\(Int.min)]")
        var values: [Int] = []
        var power = 1
        for _ in 0..<18 {
            values += [power - 1, power, power + 1, -power, -(power + 1)]
            power *= 10
        }
        var each = JSONWriter(pretty: false)
        each.beginArray()
        for value in values { each.integer(value) }
        each.endArray()
        #expect(each.text == "[" + values.map(String.init).joined(separator: ",") + "]")
    }

    @Test func keysComeInTheOrderWritten() {
        var writer = JSONWriter(pretty: false)
        writer.beginObject()
        for key in ["z", "a", "m", ""] { writer.key(key); writer.boolean(key.isEmpty) }
        writer.endObject()
        #expect(writer.text == #"{"z":false,"a":false,"m":false,"":true}"#)
    }

    @Test func prettyAndCompactLayouts() {
        func write(_ format: JSONWriter.Format) -> String {
            var writer = JSONWriter(format: format)
            writer.beginObject()
            writer.key("list"); writer.beginArray(); writer.integer(1); writer.null(); writer.endArray()
            writer.key("empty"); writer.beginArray(); writer.endArray()
            writer.key("none"); writer.beginObject(); writer.endObject()
            writer.endObject()
            return writer.text
        }
        #expect(write(.compact) == #"{"list":[1,null],"empty":[],"none":{}}"#)
        #expect(write(.pretty) == "{\n  \"list\": [\n    1,\n    null\n  ],\n  \"empty\": [],\n  \"none\": {}\n}")
        #expect(write(.record) == "{\n  \"list\" : [\n    1,\n    null\n  ],\n  \"empty\" : [\n\n  ],\n  \"none\" : {\n\n  }\n}")
    }

    @Test func drainingHandsOverWholeValues() throws {
        var writer = JSONWriter(pretty: true)
        var chunks: [[UInt8]] = []
        writer.beginArray()
        for index in 0..<100 {
            writer.string("item \(index)")
            writer.drain(ifAtLeast: 64) { chunks.append(Array($0)) }
        }
        writer.endArray()
        chunks.append(writer.finishedLine())
        #expect(chunks.count > 10)
        #expect(try JSONParser.parse(chunks.flatMap { $0 }).arrayValue?.count == 100)
    }
}
