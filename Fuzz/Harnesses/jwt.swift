import MockAuth

/// libFuzzer entry point: the HS256 JWT verifier. Inputs are tried as a whole token, and as
/// header and payload JSON signed with the fuzz secret, so the claim checks (exp, nbf, iat,
/// crit, sub, role) see correctly signed hostile values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJWT(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let secret = Array("fuzz".utf8)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? JWTVerifier.verify(token: text, secret: secret, now: 1_800_000_000)
    // Split at the first NUL: header JSON, then payload JSON.
    let parts = bytes.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
    if parts.count == 2 {
        let input = Base64URL.encode(Array(parts[0])) + "." + Base64URL.encode(Array(parts[1]))
        let mac = HMACSHA256.authenticationCode(key: secret, message: Array(input.utf8))
        let token = input + "." + Base64URL.encode(mac)
        do {
            _ = try JWTVerifier.verify(token: token, secret: secret, now: 1_800_000_000)
        } catch {
            _ = error.description
        }
    }
    return 0
}
