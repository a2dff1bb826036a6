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
    /// starts: the writable mapping holding its first small block reaches well past it.
    @Test func aHelperGrowsItsHeapAheadOnceReservesAreEnabled() throws {
        HeapReserve.enable(bytesPerThread: 24 << 20)
        let room = Mutex<Int?>(nil)
        guard let helper = HelperThread({
            guard let block = malloc(64) else { return }
            defer { free(block) }
            room.withLock { $0 = HelperThreadTests.writableRoom(after: UInt(bitPattern: block)) }
        }) else {
            Issue.record("no helper thread")
            return
        }
        helper.join()
        let measured = try #require(room.withLock { $0 }, "the block is in no writable mapping")
        #expect(measured >= 20 << 20, "room after the helper's first block: \(measured) bytes")
    }

    /// The thread that reads a file asks for transparent huge pages in its reserve: the kernel
    /// marks the mapping (`hg` in /proc/self/smaps), whether or not it can then provide them.
    @Test func theReadingThreadsReserveAsksForHugePages() throws {
        HeapReserve.enable(bytesPerThread: 24 << 20)
        let flags = Mutex<String?>(nil)
        guard let helper = HelperThread({
            HeapReserve.growThisThreadsHeap(hugePages: true)
            guard let block = malloc(8 << 20) else { return }
            defer { free(block) }
            flags.withLock { $0 = HelperThreadTests.mappingFlags(at: UInt(bitPattern: block) + (4 << 20)) }
        }) else {
            Issue.record("no helper thread")
            return
        }
        helper.join()
        let vmFlags = try #require(flags.withLock { $0 }, "the block is in no mapping")
        #expect(vmFlags.split(separator: " ").contains("hg"), "VmFlags: \(vmFlags)")
    }

    /// The `VmFlags` of the mapping that holds `address` (from /proc/self/smaps), or nil.
    static func mappingFlags(at address: UInt) -> String? {
        guard let file = fopen("/proc/self/smaps", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 4096)
        var inside = false
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 && $0 != 0x0A }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmFlags:") {
                if inside { return String(text.dropFirst("VmFlags:".count)).trimmingCharacters(in: .whitespaces) }
                continue
            }
            let bounds = (text.split(separator: " ").first ?? "").split(separator: "-")
            if bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16) {
                inside = start <= address && address < end
            }
        }
        return nil
    }

    /// The bytes from `address` to the end of the writable mapping that holds it (from
    /// /proc/self/maps), or nil.
    static func writableRoom(after address: UInt) -> Int? {
        guard let file = fopen("/proc/self/maps", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let fields = text.split(separator: " ")
            guard fields.count >= 2 else { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16),
                  start <= address, address < end else { continue }
            return fields[1].hasPrefix("rw") ? Int(end - address) : nil
        }
        return nil
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
