extension JSONWriter {
    /// Writes a whole value, members in their order. Written with a stack of its own rather than
    /// by recursion, so that no depth of nesting can exhaust the thread's stack.
    package mutating func value(_ value: JSONValue) {
        enum Frame {
            case array(ArraySlice<JSONValue>)
            case object(ArraySlice<JSONValue.Member>)
        }
        var stack: [Frame] = []
        var next: JSONValue? = value
        while true {
            if let current = next {
                next = nil
                switch current {
                case .null: null()
                case .bool(let flag): boolean(flag)
                case .number(let number): self.number(number)
                case .string(let text): string(text)
                case .array(let elements):
                    beginArray()
                    stack.append(.array(elements[...]))
                case .object(let members):
                    beginObject()
                    stack.append(.object(members[...]))
                }
            }
            guard let top = stack.popLast() else { return }
            switch top {
            case .array(var rest):
                if let element = rest.popFirst() {
                    stack.append(.array(rest))
                    next = element
                } else {
                    endArray()
                }
            case .object(var rest):
                if let member = rest.popFirst() {
                    stack.append(.object(rest))
                    key(member.key)
                    next = member.value
                } else {
                    endObject()
                }
            }
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The value as JSON text in UTF-8: compact (`{"a":1}`), or `pretty` with two-space
    /// indentation and `": "` after keys. Members keep their order; non-ASCII text is written
    /// as is; only `"`, `\` and control characters are escaped (`\b`, `\f`, `\n`, `\r`, `\t`, or
    /// `\u00XX`); non-finite numbers become `null`.
    public func serialized(pretty: Bool = false) -> [UInt8] {
        var writer = JSONWriter(format: JSONWriter.Format(pretty: pretty, shortControlEscapes: true))
        writer.value(self)
        return writer.bytes
    }

    /// The value as JSON text (see `serialized(pretty:)`).
    public func text(pretty: Bool = false) -> String {
        String(decoding: serialized(pretty: pretty), as: UTF8.self)
    }

    /// The compact JSON text (see `serialized(pretty:)`).
    public var description: String { text() }
}
