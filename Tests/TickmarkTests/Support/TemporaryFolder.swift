import Foundation
import Testing

/// A fresh folder under the system temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init(sourceLocation: SourceLocation = #_sourceLocation) throws {
        var template = Array((NSTemporaryDirectory() + "/tickmark-test-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        try #require(created != nil, "cannot create a temporary folder", sourceLocation: sourceLocation)
        path = String(cString: created!)
    }

    /// Writes `bytes` to `name` in the folder, with `mode`, and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        chmod(file, mode)
        return file
    }

    /// The names in the folder, hidden ones included, sorted.
    func names(in subfolder: String = "") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: subfolder.isEmpty ? path : path + "/" + subfolder).sorted()
    }

    func read(_ file: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
