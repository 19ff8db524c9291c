import Foundation

extension EmbeddedSpecs {
    /// The embedded files with their text, decoded from `encoded` (a file that does not
    /// decode, which only a hand edit of the generated file could cause, reads as empty).
    static var files: [(path: String, text: String)] {
        encoded.map { file in
            (file.path, String(decoding: Data(base64Encoded: file.base64) ?? Data(), as: UTF8.self))
        }
    }
}
