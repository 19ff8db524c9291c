import Testing

@testable import MockServer

@Suite("HMAC-SHA-256 against RFC 4231")
struct HMACSHA256Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var name: String
        var key: [UInt8]
        var data: [UInt8]
        var mac: String
        var testDescription: String { name }
    }

    static let vectors: [Vector] = [
        Vector(
            name: "test case 1", key: [UInt8](repeating: 0x0b, count: 20), data: bytes("Hi There"),
            mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        Vector(
            name: "test case 2", key: bytes("Jefe"), data: bytes("what do ya want for nothing?"),
            mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        Vector(
            name: "test case 3", key: [UInt8](repeating: 0xaa, count: 20),
            data: [UInt8](repeating: 0xdd, count: 50),
            mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        Vector(
            name: "test case 4", key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
            mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        Vector(
            name: "test case 6 (key longer than a block)", key: [UInt8](repeating: 0xaa, count: 131),
            data: bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
            mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        Vector(
            name: "test case 7 (key and data longer than a block)", key: [UInt8](repeating: 0xaa, count: 131),
            data: bytes(
                "This is a test using a larger than block-size key and a larger than block-size data. "
                    + "The key needs to be hashed before being used by the HMAC algorithm."),
            mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ]

    @Test("RFC 4231 vectors", arguments: vectors)
    func rfc4231(vector: Vector) {
        #expect(hex(HMACSHA256.authenticationCode(key: vector.key, message: vector.data)) == vector.mac)
    }

    @Test("RFC 4231 test case 5: the MAC truncated to 128 bits")
    func truncated() {
        let mac = HMACSHA256.authenticationCode(
            key: [UInt8](repeating: 0x0c, count: 20), message: bytes("Test With Truncation"))
        #expect(hex(Array(mac.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test("constant-time comparison tells equal, different and different-length MACs apart")
    func comparison() {
        #expect(HMACSHA256.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!HMACSHA256.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!HMACSHA256.constantTimeEqual([1, 2, 3], [1, 2]))
    }
}
