import Testing
@testable import Tickmark

@Suite struct Base64Tests {
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func encodesTheRFC4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func roundTripsEveryLengthAndByte() {
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ length) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        let all = (0...255).map { UInt8($0) }
        #expect(Base64.decode(Base64.encode(all)) == all)
    }

    @Test func leavesPaddingOutWhenAsked() {
        #expect(Base64.encode(Array("f".utf8), padded: false) == "Zg")
    }

    @Test func acceptsTheURLSafeAlphabet() {
        #expect(Base64.decode("-_-_") == Base64.decode("+/+/"))
        #expect(Base64.decode("-_-_") != nil)
    }

    @Test(arguments: ["Zg", "Zg=", "Zh==", "Zm9=", "Z===", "=Zg=", "Zg==Zg==", "Zm9v\n", "Zm 9", "+_+_", "Zm9v====", "Zg=a"])
    func refusesTextThatIsNotCanonical(text: String) {
        #expect(Base64.decode(text) == nil)
    }
}
