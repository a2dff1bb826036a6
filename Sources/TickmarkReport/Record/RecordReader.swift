import Foundation
import Tickmark

/// Reads the members of a run record's JSON objects, knowing where it is in the record, so that
/// a problem names its place: `'status' is missing at .checklists[0].items[3]`.
struct RecordReader {
    /// Why a value cannot be read: the message, already naming the place.
    struct Failure: Error {
        var message: String
    }

    private let members: [JSONValue.Member]
    /// Where the object is: `.checklists[0]`, or empty at the top.
    let path: String

    /// A reader of `value`, which must be an object.
    init(_ value: JSONValue, path: String) throws(Failure) {
        guard case .object(let members) = value else { throw Failure(message: "wrong type at \(Self.place(path))") }
        self.members = members
        self.path = path
    }

    private static func place(_ path: String) -> String { path.isEmpty ? "the top level" : path }

    private func optionalValue(_ key: String) -> JSONValue? {
        guard let value = members.first(where: { $0.key == key })?.value, value != .null else { return nil }
        return value
    }

    private func value(_ key: String) throws(Failure) -> JSONValue {
        guard let value = optionalValue(key) else { throw Failure(message: "'\(key)' is missing at \(Self.place(path))") }
        return value
    }

    private func wrongType(_ key: String) -> Failure { Failure(message: "wrong type at \(path).\(key)") }

    func string(_ key: String) throws(Failure) -> String {
        guard case .string(let text) = try value(key) else { throw wrongType(key) }
        return text
    }

    func optionalString(_ key: String) throws(Failure) -> String? {
        guard let value = optionalValue(key) else { return nil }
        guard case .string(let text) = value else { throw wrongType(key) }
        return text
    }

    func integer(_ key: String) throws(Failure) -> Int {
        guard let number = try value(key).intValue else { throw wrongType(key) }
        return number
    }

    func optionalInteger(_ key: String) throws(Failure) -> Int? {
        guard optionalValue(key) != nil else { return nil }
        return try integer(key)
    }

    func boolean(_ key: String) throws(Failure) -> Bool {
        guard case .bool(let flag) = try value(key) else { throw wrongType(key) }
        return flag
    }

    func strings(_ key: String) throws(Failure) -> [String] {
        guard case .array(let elements) = try value(key) else { throw wrongType(key) }
        var texts: [String] = []
        texts.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard case .string(let text) = element else { throw Failure(message: "wrong type at \(path).\(key)[\(index)]") }
            texts.append(text)
        }
        return texts
    }

    /// A list of strings that may be absent.
    func optionalStrings(_ key: String) throws(Failure) -> [String]? {
        guard optionalValue(key) != nil else { return nil }
        return try strings(key)
    }

    /// A string that is one of `Value`'s raw values.
    func choice<Value: RawRepresentable<String>>(_ key: String, _ type: Value.Type = Value.self) throws(Failure) -> Value {
        let text = try string(key)
        guard let value = Value(rawValue: text) else {
            throw Failure(message: "'\(text)' is not a valid value at \(path).\(key)")
        }
        return value
    }

    func date(_ key: String) throws(Failure) -> Date {
        let text = try string(key)
        guard let date = RunRecord.readTimestamp(text) else {
            throw Failure(message: "'\(text)' is not an ISO-8601 time at \(path).\(key)")
        }
        return date
    }

    func optionalDate(_ key: String) throws(Failure) -> Date? {
        guard optionalValue(key) != nil else { return nil }
        return try date(key)
    }

    /// The member `key`, an object, read by `read`.
    func object<Value>(_ key: String, _ read: (RecordReader) throws(Failure) -> Value) throws(Failure) -> Value {
        try read(RecordReader(try value(key), path: "\(path).\(key)"))
    }

    /// The member `key` when present, an object read by `read`.
    func optionalObject<Value>(_ key: String, _ read: (RecordReader) throws(Failure) -> Value) throws(Failure) -> Value? {
        guard let value = optionalValue(key) else { return nil }
        return try read(RecordReader(value, path: "\(path).\(key)"))
    }

    /// The member `key`, an array of objects each read by `read`.
    func objects<Value>(_ key: String, _ read: (RecordReader) throws(Failure) -> Value) throws(Failure) -> [Value] {
        guard case .array(let elements) = try value(key) else { throw wrongType(key) }
        var values: [Value] = []
        values.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            values.append(try read(RecordReader(element, path: "\(path).\(key)[\(index)]")))
        }
        return values
    }

    /// The member `key` when present, an array of objects each read by `read`.
    func optionalObjects<Value>(_ key: String, _ read: (RecordReader) throws(Failure) -> Value) throws(Failure) -> [Value]? {
        guard optionalValue(key) != nil else { return nil }
        return try objects(key, read)
    }

    /// The member `key`, an object whose members are all strings.
    func stringMap(_ key: String) throws(Failure) -> [String: String] {
        let reader = try RecordReader(try value(key), path: "\(path).\(key)")
        var map: [String: String] = [:]
        for member in reader.members {
            guard case .string(let text) = member.value else { throw Failure(message: "wrong type at \(reader.path).\(member.key)") }
            map[member.key] = text
        }
        return map
    }
}
