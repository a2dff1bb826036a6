import Tickmark

/// A header name and value: one to send with a request, or one a response must carry.
package struct HTTPHeader: Sendable, Equatable {
    /// The header's name, as written (compare case-insensitively).
    package var name: String
    /// The value to send; for an expectation, the text the value must contain (empty: the header
    /// only has to be present).
    package var value: String

    /// Creates a header.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Whether `name` is an HTTP token (RFC 9110): letters, digits and ``!#$%&'*+-.^_`|~``.
    package static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

/// A value the JSON body of a response must hold at a path.
package struct JSONExpectation: Sendable, Equatable, CustomStringConvertible {
    /// Where to look.
    package var path: JSONPath
    /// What must be there (see `JSONValue.isSatisfied(by:)` for how it compares).
    package var value: JSONValue

    /// Creates an expectation.
    package init(path: JSONPath, value: JSONValue) {
        self.path = path
        self.value = value
    }

    /// Whether `document` holds the expected value at the path.
    package func isSatisfied(by document: JSONValue) -> Bool {
        path.resolve(in: document).map { value.isSatisfied(by: $0) } ?? false
    }

    /// `.commit = "abc"`.
    package var description: String { "\(path) = \(value.evidenceText)" }
}
