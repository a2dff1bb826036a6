import Synchronization
import Testing
@testable import Tickmark
#if canImport(Glibc)
import Glibc
#endif

@Suite struct HelperThreadTests {
    @Test func sideBySideRunsBothJobsOnTwoThreadsAndReturnsWhenBothAreDone() {
        let seen = Mutex<[String: pthread_t]>([:])
        HelperThread.sideBySide({
            usleep(20_000)   // the helper's job is done before this one: `sideBySide` must still wait for it
            seen.withLock { $0["first"] = pthread_self() }
        }, {
            seen.withLock { $0["second"] = pthread_self() }
        })
        let threads = seen.withLock { $0 }
        #expect(threads.count == 2)
        #expect(threads["first"] == pthread_self())
        #expect(threads["second"] != nil && threads["second"] != pthread_self())
    }

    /// Once `HeapReserve` is enabled, a helper's heap has room for its work before the work
    /// starts: the writable memory from its first small block on reaches well past it. Run in a
    /// process of its own, where the helper's heap is new.
    @Test func aHelperGrowsItsHeapAheadOnceReservesAreEnabled() async {
        await #expect(processExitsWith: .success) {
            HeapReserve.enable(bytesPerThread: 24 << 20)
            let room = Mutex(0)
            guard let helper = HelperThread({
                guard let block = malloc(64) else { return }
                defer { free(block) }
                room.withLock { $0 = HelperThreadTests.writableRoom(after: UInt(bitPattern: block)) }
            }) else { exit(2) }
            helper.join()
            exit(room.withLock { $0 } >= 20 << 20 ? 0 : 1)
        }
    }

    /// The thread that reads a file asks for transparent huge pages in its reserve: the kernel
    /// marks the mapping (`hg` in /proc/self/smaps), whether or not it can then provide them.
    @Test func theReadingThreadsReserveAsksForHugePages() async {
        await #expect(processExitsWith: .success) {
            HeapReserve.enable(bytesPerThread: 24 << 20)
            let flags = Mutex("")
            guard let helper = HelperThread({
                HeapReserve.growThisThreadsHeap(hugePages: true)
                guard let block = malloc(8 << 20) else { return }
                defer { free(block) }
                flags.withLock { $0 = HelperThreadTests.mappingFlags(at: UInt(bitPattern: block) + (4 << 20)) ?? "" }
            }) else { exit(2) }
            helper.join()
            exit(flags.withLock { $0 }.split(separator: " ").contains("hg") ? 0 : 1)
        }
    }

    /// The lines of a /proc/self file.
    static func procLines(_ name: String) -> [String] {
        guard let file = fopen("/proc/self/" + name, "r") else { return [] }
        defer { fclose(file) }
        var lines: [String] = []
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), file) != nil {
            lines.append(String(decoding: line.prefix { $0 != 0 && $0 != 0x0A }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return lines
    }

    /// The start and end of a mapping line ("start-end perms …").
    static func bounds(_ line: String) -> (start: UInt, end: UInt)? {
        let range = (line.split(separator: " ").first ?? "").split(separator: "-")
        guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16) else { return nil }
        return (start, end)
    }

    /// The `VmFlags` of the mapping that holds `address` (from /proc/self/smaps), or nil.
    static func mappingFlags(at address: UInt) -> String? {
        var inside = false
        for line in procLines("smaps") {
            if line.hasPrefix("VmFlags:") {
                if inside { return String(line.dropFirst("VmFlags:".count)) }
            } else if let (start, end) = bounds(line) {
                inside = start <= address && address < end
            }
        }
        return nil
    }

    /// The bytes from `address` to the end of the writable mappings that hold it and follow it
    /// without a gap (from /proc/self/maps; advice such as huge pages splits one mapping in
    /// several), or 0.
    static func writableRoom(after address: UInt) -> Int {
        var end: UInt? = nil
        for line in procLines("maps") {
            guard let (start, stop) = bounds(line), line.split(separator: " ").dropFirst().first?.hasPrefix("rw") == true else {
                if end != nil { break }
                continue
            }
            if let current = end {
                guard start == current else { break }
                end = stop
            } else if start <= address && address < stop {
                end = stop
            }
        }
        return end.map { Int($0 - address) } ?? 0
    }

    @Test func joinWaitsForTheWork() {
        let done = Mutex(false)
        guard let helper = HelperThread({
            usleep(20_000)
            done.withLock { $0 = true }
        }) else {
            Issue.record("no helper thread")
            return
        }
        helper.join()
        #expect(done.withLock { $0 })
    }

    /// Long documents are parsed on a helper thread while being walked. Called from tasks that
    /// take every thread of the cooperative pool, the parse must not depend on that pool.
    @Test func piecesParseWhileTheCooperativePoolIsBusy() async {
        var text = ""
        for section in 1...40 {
            text += "## Section \(section)\n\n"
            for item in 1...20 { text += "- [\(item % 3 == 0 ? "x" : " ")] item \(section).\(item)\n" }
            text += "\n"
        }
        let bytes = Array(text.utf8)
        let whole = ChecklistParser.parse(bytes, path: "long.md", pieceSize: 1 << 30)
        let expected = whole.allItems.map { "\($0.position.line) \($0.state) \($0.id)" }
        #expect(expected.count == 800)
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    ChecklistParser.parse(bytes, path: "long.md", pieceSize: 1024).allItems.map { "\($0.position.line) \($0.state) \($0.id)" }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        for result in results { #expect(result == expected) }
    }
}
