import Testing
import Tickmark
import TickmarkProbes

@Suite struct JSONTests {
    private let document: JSONValue = .object([
        "commit": .string("abc123"),
        "count": .number(3),
        "ok": .bool(true),
        "data": .object(["items": .array([.object(["id": .number(7)]), .object(["id": .number(8)])])]),
        "a/b": .string("slash"),
        "git.sha": .string("dotted"),
    ])

    @Test(arguments: [
        ("commit", ["commit"]), (".commit", ["commit"]), ("$.commit", ["commit"]),
        ("data.items[1].id", ["data", "items", "1", "id"]), (".data.items.0.id", ["data", "items", "0", "id"]),
        ("$[\"git.sha\"]", ["git.sha"]), ("/data/items/0/id", ["data", "items", "0", "id"]), ("/a~1b", ["a/b"]),
        (".", []), ("", []), ("$", []),
    ])
    func pathsReadAsTokens(_ text: String, _ tokens: [String]) throws {
        #expect(try JSONPath.parse(text).get().tokens == tokens)
    }

    @Test(arguments: ["a..b", "a.", "data[", "data[x]", "/a~2"])
    func malformedPathsAreRejected(_ text: String) {
        #expect(throws: JSONPath.ParseError.self) { try JSONPath.parse(text).get() }
    }

    @Test func pathsResolveObjectsAndArrays() throws {
        #expect(try JSONPath.parse("data.items[1].id").get().resolve(in: document) == .number(8))
        #expect(try JSONPath.parse("/a~1b").get().resolve(in: document) == .string("slash"))
        #expect(try JSONPath.parse("data.items[2]").get().resolve(in: document) == nil)
        #expect(try JSONPath.parse("commit.length").get().resolve(in: document) == nil)
    }

    @Test func scalarsCompareByTheirJSONText() throws {
        let count = JSONExpectation(path: try JSONPath.parse(".count").get(), value: .string("3"))
        #expect(count.isSatisfied(by: document))
        let ok = JSONExpectation(path: try JSONPath.parse(".ok").get(), value: .string("true"))
        #expect(ok.isSatisfied(by: document))
        let wrong = JSONExpectation(path: try JSONPath.parse(".commit").get(), value: .string("abc"))
        #expect(!wrong.isSatisfied(by: document))
        let missing = JSONExpectation(path: try JSONPath.parse(".nothing").get(), value: .null)
        #expect(!missing.isSatisfied(by: document))
    }

    @Test func objectsMatchOnTheKeysGivenAndArraysElementByElement() {
        #expect(JSONValue.object(["commit": .string("abc123")]).isSatisfied(by: document))
        #expect(!JSONValue.object(["commit": .string("abc123"), "extra": .null]).isSatisfied(by: document))
        #expect(JSONValue.array([.number(1), .string("2")]).isSatisfied(by: .array([.number(1), .number(2)])))
        #expect(!JSONValue.array([.number(1)]).isSatisfied(by: .array([.number(1), .number(2)])))
    }

    @Test func parsesDocumentsKeepingMemberOrder() throws {
        let parsed = try JSONParser.parse(Array(#"{"b": {"c": 1.5}, "a": [1, true, null, "x"]}"#.utf8))
        #expect(parsed == .object(["b": .object(["c": .number(1.5)]), "a": .array([.number(1), .bool(true), .null, .string("x")])]))
        #expect(parsed.keys == ["b", "a"])
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array("{".utf8)) }
    }

    @Test func evidenceTextSortsKeysAndEscapesControlCharactersInHex() throws {
        let parsed = try JSONParser.parse(Array(#"{"b": {"z": 1, "c": 1.5}, "a": ["\b\t\u0001é"]}"#.utf8))
        #expect(parsed.evidenceText == #"{"a":["\u0008\t\u0001é"],"b":{"c":1.5,"z":1}}"#)
        #expect(JSONValue.string("say \"hi\"").evidenceText == #""say \"hi\"""#)
    }

    /// Whole numbers up to 2^53 are exact in a double and read as their digits, so an inline
    /// expectation (a string) matches a large id a server sends as a number.
    @Test func largeWholeNumbersCompareByTheirDigits() throws {
        let document = try JSONParser.parse(Array(#"{"id": 1234567890123456, "big": 1e300, "half": 0.5}"#.utf8))
        #expect(JSONExpectation(path: try JSONPath.parse(".id").get(), value: .string("1234567890123456")).isSatisfied(by: document))
        #expect(JSONExpectation(path: try JSONPath.parse(".big").get(), value: .string("1e+300")).isSatisfied(by: document))
        #expect(JSONExpectation(path: try JSONPath.parse(".half").get(), value: .string("0.5")).isSatisfied(by: document))
        #expect(document["id"]?.evidenceText == "1234567890123456")
    }

    @Test func expectationsFromOptionValuesKeepTheLastOfARepeatedKey() {
        let at = SourcePosition(line: 1, column: 1, offset: 0)
        let value = JSONValue(ProbeValue.mapping([
            ProbeOption(key: "b", value: .integer(1), position: at), ProbeOption(key: "a", value: .string("x"), position: at),
            ProbeOption(key: "b", value: .integer(2), position: at),
        ]))
        #expect(value == .object(["b": .number(2), "a": .string("x")]))
    }
}

@Suite struct EndpointAndStatusTests {
    @Test(arguments: [
        ("db.internal:5432", "db.internal", 5432), ("127.0.0.1:1", "127.0.0.1", 1), ("[::1]:5432", "::1", 5432),
        ("[2001:db8::1]:65535", "2001:db8::1", 65535),
    ])
    func endpointsParse(_ text: String, _ host: String, _ port: Int) throws {
        let endpoint = try HostPort.parse(text).get()
        #expect(endpoint == HostPort(host: host, port: port))
        #expect(endpoint.description == text)
    }

    @Test(arguments: ["db.internal", "db.internal:0", "db.internal:65536", "::1:5432", "[::1]", "[::1]5432", ":5432",
                      "bad host:1", "-db:5432", "[zz::1]:5432"])
    func malformedEndpointsAreRejected(_ text: String) {
        #expect(throws: HostPort.ParseError.self) { try HostPort.parse(text).get() }
    }

    @Test func aDefaultPortFillsInAMissingOne() throws {
        #expect(try HostPort.parse("api.example.com", defaultPort: 443).get().port == 443)
        #expect(try HostPort.parse("api.example.com:8443", defaultPort: 443).get().port == 8443)
    }

    @Test func statusExpectationsAcceptCodesListsAndClasses() throws {
        let expectation = try HTTPStatusExpectation.parse(["200, 204", "3XX"]).get()
        #expect(expectation.patterns == [.code(200), .code(204), .statusClass(3)])
        #expect(expectation.matches(204) && expectation.matches(301))
        #expect(!expectation.matches(201) && !expectation.matches(404))
        #expect(expectation.description == "200 or 204 or 3xx")
        #expect(HTTPStatusExpectation.success.matches(299) && !HTTPStatusExpectation.success.matches(300))
    }

    @Test(arguments: ["2000", "99", "600", "6xx", "2x", "ok", "200,,204"])
    func invalidStatusesAreRejected(_ text: String) {
        #expect(throws: HTTPStatusExpectation.InvalidEntry.self) { try HTTPStatusExpectation.parse([text]).get() }
    }
}
