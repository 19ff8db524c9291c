import Testing

@testable import MockServer

@Suite("SHA-256 against FIPS 180-4")
struct SHA256Tests {
    @Test("one-block message 'abc' (FIPS 180-4 example)")
    func oneBlock() {
        #expect(
            hex(SHA256.hash(bytes("abc")))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("the 448-bit two-block message (FIPS 180-4 example)")
    func twoBlock() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(
            hex(SHA256.hash(bytes(message)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("one million 'a' (FIPS 180-4 long message)")
    func millionA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("the empty message")
    func empty() {
        #expect(
            hex(SHA256.hash([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("feeding the input split at every byte gives the one-shot digest")
    func everySplit() {
        let message = bytes(String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 4))
        let expected = SHA256.hash(message)
        for split in 0...message.count {
            var hasher = SHA256()
            hasher.update(message[..<split])
            hasher.update(message[split...])
            #expect(hasher.finalize() == expected, "split at \(split)")
        }
    }

    @Test("padding edges: 55, 56, 63, 64 and 65 bytes all differ and are 32 bytes")
    func paddingEdges() {
        let digests = [55, 56, 63, 64, 65].map { SHA256.hash([UInt8](repeating: 0x61, count: $0)) }
        #expect(Set(digests.map(hex)).count == 5)
        #expect(digests.allSatisfy { $0.count == 32 })
        // Known value for 64 'a' (one full block followed by a padding block).
        #expect(hex(digests[3]) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }
}
