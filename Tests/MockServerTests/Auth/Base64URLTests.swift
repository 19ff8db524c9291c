import Testing

@testable import MockServer

@Suite("base64url without padding")
struct Base64URLTests {
    @Test("RFC 4648 §10 vectors, unpadded, round trip")
    func vectors() {
        let cases = [
            "": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE",
            "foobar": "Zm9vYmFy",
        ]
        for (plain, encoded) in cases {
            #expect(Base64URL.encode(bytes(plain)) == encoded)
            #expect(Base64URL.decode(encoded) == bytes(plain))
        }
    }

    @Test("the URL-safe alphabet is used for 62 and 63")
    func urlAlphabet() {
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.decode("-_8") == [0xfb, 0xff])
    }

    @Test(
        "hostile input is refused, never a crash",
        arguments: ["Zg==", "Z", "Zm9v!", "Zm+v", "Zm/v", "Zh", "é", "Zm9v\n"])
    func refused(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test("every byte value round-trips")
    func allBytes() {
        let all = (0...255).map { UInt8($0) }
        #expect(Base64URL.decode(Base64URL.encode(all)) == all)
    }
}
