import Testing
@testable import TickmarkSigning

@Suite struct SSHWireTests {
    @Test func writesUint32AndStringsBigEndian() {
        var writer = SSHWriter()
        writer.uint32(0x0102_0304)
        writer.string("ab")
        writer.string([UInt8]())
        #expect(writer.bytes == [1, 2, 3, 4, 0, 0, 0, 2, 0x61, 0x62, 0, 0, 0, 0])
    }

    @Test func readsBackWhatWasWritten() throws {
        var writer = SSHWriter()
        writer.uint32(7)
        writer.string("ssh-ed25519")
        writer.byte(9)
        var reader = SSHReader(writer.bytes)
        #expect(try reader.uint32() == 7)
        try reader.expectString("ssh-ed25519", "key type")
        #expect(try reader.byte() == 9)
        try reader.expectEnd("test data")
    }

    @Test func refusesAStringLongerThanWhatIsLeft() {
        var reader = SSHReader([0, 0, 0, 5, 1, 2])
        #expect(throws: SSHWireError.self) { try reader.string() }
        var huge = SSHReader([0xFF, 0xFF, 0xFF, 0xFF, 1])
        #expect(throws: SSHWireError.self) { try huge.string() }
    }

    @Test func reportsTrailingBytesAndWrongMagic() {
        var reader = SSHReader([0, 0, 0, 1, 0x61, 0x62])
        #expect(throws: SSHWireError.self) { try reader.expectString("b", "name") }
        var rest = SSHReader([0, 0, 0, 0, 9])
        _ = try? rest.string()
        #expect(throws: SSHWireError.self) { try rest.expectEnd("data") }
    }

    @Test func neverCrashesOnArbitraryInput() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<40, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if length > 4, Bool.random(using: &generator) { bytes[0...3] = [0, 0, 0, UInt8(length / 2)] }
            var reader = SSHReader(bytes)
            while (try? reader.string()) != nil {}
            _ = try? SSHPublicKey(blob: bytes)
            _ = try? SSHSignature(blob: Array("SSHSIG".utf8) + bytes)
            _ = try? OpenSSHKeyFile.parse(Array(Armor.encode(Array("openssh-key-v1".utf8) + [0] + bytes, label: "OPENSSH PRIVATE KEY").utf8))
        }
    }
}
