import Testing
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

    @Test func parsesDocuments() throws {
        let parsed = try JSONValue.parse(Array(#"{"a": [1, true, null, "x"], "b": {"c": 1.5}}"#.utf8))
        #expect(parsed == .object(["a": .array([.number(1), .bool(true), .null, .string("x")]), "b": .object(["c": .number(1.5)])]))
        #expect(parsed.description == #"{"a":[1,true,null,"x"],"b":{"c":1.5}}"#)
        #expect(throws: (any Error).self) { try JSONValue.parse(Array("{".utf8)) }
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
