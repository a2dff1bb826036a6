import Foundation
import Synchronization
import Testing
@testable import Tickmark
import TickmarkTestSupport

/// What a process killed while writing leaves behind: no named temporary file while the content is
/// written, and old leftovers of a file system without `O_TMPFILE` removed by the next write.
@Suite struct TemporaryFileTests {
    /// Every name seen in `folder` while `body` runs, listed over and over on another thread.
    static func namesSeen(in folder: String, while body: () throws -> Void) rethrows -> Set<String> {
        let done = Atomic<Bool>(false)
        let seen = Mutex<Set<String>>([])
        let watcher = Thread {
            while !done.load(ordering: .relaxed) {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                seen.withLock { $0.formUnion(names) }
            }
        }
        watcher.start()
        defer { done.store(true, ordering: .relaxed) }
        try body()
        done.store(true, ordering: .relaxed)
        Thread.sleep(forTimeInterval: 0.05)
        return seen.withLock { $0 }
    }

    @Test func aNewFileHasNoNameUntilItIsComplete() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bytes = [UInt8](repeating: 0x61, count: 64 << 20)
        let seen = try Self.namesSeen(in: folder.path) {
            try AtomicFile.replace(path: folder.path("report.html"), expected: nil, with: bytes)
        }
        #expect(seen.subtracting(["report.html"]).isEmpty, "a killed process would leave \(seen.sorted())")
        #expect(try folder.names() == ["report.html"])
    }

    @Test func oldLeftoversOfAKilledWriteAreRemovedByTheNextWrite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("r.json", "{}")
        try folder.write(".r.json.tickmark-Ab12Cd", "half")
        try folder.write(".r.json.tickmark-Fresh1", "being written")
        try folder.write(".other.json.tickmark-Ab12Cd", "not ours")
        var old = [timespec(tv_sec: 1_700_000_000, tv_nsec: 0), timespec(tv_sec: 1_700_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, folder.path(".r.json.tickmark-Ab12Cd"), &old, 0) == 0)
        #expect(utimensat(AT_FDCWD, folder.path(".other.json.tickmark-Ab12Cd"), &old, 0) == 0)
        try AtomicFile.replace(path: folder.path("r.json"), expected: nil, with: Array("{\"a\":1}".utf8))
        #expect(try folder.names() == [".other.json.tickmark-Ab12Cd", ".r.json.tickmark-Fresh1", "r.json"])
    }
}
