import Foundation

/// Byte-for-byte comparison of two recording folders, reporting per file the first line
/// that differs, and every file found on one side only.
enum GoldenComparison {
    static func compare(committed: URL, fresh: URL) throws -> [String] {
        let left = try files(under: committed)
        let right = try files(under: fresh)
        var problems: [String] = []
        for name in Set(left.keys).union(right.keys).sorted() {
            switch (left[name], right[name]) {
            case (let a?, let b?) where a != b:
                problems.append(firstDifference(name, a, b))
            case (_?, nil): problems.append("\(name): committed but not produced by the run")
            case (nil, _?): problems.append("\(name): produced by the run but not committed")
            default: break
            }
        }
        return problems
    }

    private static func files(under root: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return result }
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".json") else { continue }
            result[relative] = try Data(contentsOf: root.appendingPathComponent(relative))
        }
        return result
    }

    private static func firstDifference(_ name: String, _ a: Data, _ b: Data) -> String {
        let x = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let y = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(x.count, y.count) {
            let p = index < x.count ? "\"\(x[index])\"" : "end of file"
            let q = index < y.count ? "\"\(y[index])\"" : "end of file"
            if p != q { return "\(name):\(index + 1): committed \(p), fresh run \(q)" }
        }
        return "\(name): differs in bytes that are not visible as text"
    }
}
