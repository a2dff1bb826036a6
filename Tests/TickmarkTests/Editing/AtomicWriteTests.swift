import Foundation
import Testing
@testable import Tickmark
import TickmarkTestSupport

/// `Checklist.write`: the file on disk gets exactly the edit, keeps its mode and its symbolic link,
/// is left alone when it changed since it was read, and no temporary file stays behind.
@Suite struct AtomicWriteTests {
    static let text = "# Release\r\n\r\n- [ ] Tag the release\r\n\t- [x] Changelog\r\n* [~] Not this time\r\n+ [ ] last   "

    /// Ticks the first item and writes the file; returns the offset of the state byte it changed.
    private func tickFirstItem(_ checklist: Checklist, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let item = try #require(checklist.allItems.first, sourceLocation: sourceLocation)
        let edit = try #require(checklist.checkboxEdit(for: item, checked: true), sourceLocation: sourceLocation)
        try checklist.write([edit])
        return item.boxOffset + 1
    }

    @Test(arguments: [0o640, 0o600, 0o755, 0o644] as [mode_t])
    func writeKeepsTheFileMode(mode: mode_t) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let original = Array(Self.text.utf8)
        let path = try folder.write("release.md", original, mode: mode)
        let stateOffset = try tickFirstItem(try ChecklistFile.load(path))

        expectByteDiff(original, try folder.read(path), is: [ByteChange(offset: stateOffset, before: 0x20, after: 0x78)])
        var info = stat()
        try #require(stat(path, &info) == 0)
        #expect(info.st_mode & 0o7777 == mode)
        #expect(info.st_mode & S_IFMT == S_IFREG)
        #expect(try folder.names() == ["release.md"])
    }

    @Test func aSymbolicLinkStaysALinkAndItsTargetGetsTheEdit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/real", withIntermediateDirectories: false)
        let original = Array(Self.text.utf8)
        let target = try folder.write("real/release.md", original, mode: 0o640)
        let link = folder.path + "/link.md"
        try #require(symlink("real/release.md", link) == 0)

        let stateOffset = try tickFirstItem(try ChecklistFile.load(link))

        var info = stat()
        try #require(lstat(link, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFLNK, "the link was replaced by a file")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real/release.md")
        expectByteDiff(original, try folder.read(target), is: [ByteChange(offset: stateOffset, before: 0x20, after: 0x78)])
        try #require(stat(target, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o640)
        #expect(try folder.names() == ["link.md", "real"])
        #expect(try folder.names(in: "real") == ["release.md"])
    }

    /// Someone else's change to the file between reading and writing.
    enum DiskChange: String, CaseIterable, Sendable {
        case lineAppended, sameLengthTextChange, boxTickedByHand

        func apply(_ bytes: [UInt8]) -> [UInt8] {
            let text = String(decoding: bytes, as: UTF8.self)
            switch self {
            case .lineAppended: return bytes + Array("\n- [ ] added by someone else\n".utf8)
            case .sameLengthTextChange: return Array(text.replacingOccurrences(of: "Tag", with: "Bag").utf8)
            case .boxTickedByHand: return Array(text.replacingOccurrences(of: "- [ ] Tag", with: "- [x] Tag").utf8)
            }
        }
    }

    @Test(arguments: DiskChange.allCases)
    func writeIsRefusedWhenTheFileChangedOnDisk(change: DiskChange) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("release.md", Array(Self.text.utf8))
        let checklist = try ChecklistFile.load(path)
        let changed = change.apply(checklist.source.bytes)
        try #require(changed != checklist.source.bytes)
        try folder.write("release.md", changed)

        let error = #expect(throws: TickmarkError.self) { _ = try tickFirstItem(checklist) }
        #expect(error?.code == .conflict)
        #expect(error?.path == path)
        #expect(try folder.read(path) == changed, "the file was touched")
        #expect(try folder.names() == ["release.md"], "a temporary file was left behind")
    }

    @Test func writeIsRefusedWhenTheFileWasRemoved() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("release.md", Array(Self.text.utf8))
        let checklist = try ChecklistFile.load(path)
        try FileManager.default.removeItem(atPath: path)

        let error = #expect(throws: TickmarkError.self) { _ = try tickFirstItem(checklist) }
        #expect(error?.code == .conflict)
        #expect(try folder.names().isEmpty)
    }

    @Test func noTemporaryFileStaysAfterManyWrites() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("release.md", Array(Self.text.utf8))
        for round in 0..<6 {
            let checklist = try ChecklistFile.load(path)
            let open = checklist.allItems.filter { $0.state != .na }
            let edits = open.compactMap { checklist.checkboxEdit(for: $0, checked: round % 2 == 0) }
            #expect(!edits.isEmpty)
            try checklist.write(edits)
        }
        #expect(try folder.names() == ["release.md"])
        // Six rounds: ticked, unticked, … , unticked. Every box is open again, `[~]` untouched.
        let final = try ChecklistFile.load(path)
        #expect(final.allItems.map(\.state) == [.unchecked, .unchecked, .na, .unchecked])
        #expect(try folder.read(path) == Array(Self.text.utf8).replacingXInTheSecondBox())
    }

    @Test func notApplicableItemsLeaveTheFileUntouched() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let original = Array("- [~] skipped\n- [ ] ~~dropped~~\n".utf8)
        let path = try folder.write("na.md", original, mode: 0o600)
        var before = stat()
        try #require(stat(path, &before) == 0)
        let checklist = try ChecklistFile.load(path)
        let edits = checklist.allItems.flatMap { item in
            [true, false].compactMap { checklist.checkboxEdit(for: item, checked: $0) }
        }
        #expect(edits.isEmpty)
        try checklist.write(edits)
        var after = stat()
        try #require(stat(path, &after) == 0)
        #expect(after.st_ino == before.st_ino, "the file was replaced")
        #expect(try folder.read(path) == original)
    }
}

private extension Array where Element == UInt8 {
    /// `AtomicWriteTests.text` after its `[x]` box was unticked: the only byte rounds change for good.
    func replacingXInTheSecondBox() -> [UInt8] {
        Array(String(decoding: self, as: UTF8.self).replacingOccurrences(of: "- [x] Changelog", with: "- [ ] Changelog").utf8)
    }
}
