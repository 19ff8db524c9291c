func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let text = String(byte, radix: 16)
        return text.count == 1 ? "0" + text : text
    }.joined()
}

func bytes(_ text: String) -> [UInt8] {
    Array(text.utf8)
}
