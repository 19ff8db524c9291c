import Foundation

/// Just enough of GitHub-flavoured Markdown to prove a report is well formed: its pipe
/// tables (header, delimiter row, cells per row), fences and `<details>` blocks.
struct MarkdownDocument {
    struct Table {
        var header: [String]
        var rows: [[String: String]]
    }

    var tables: [Table] = []
    /// Problems found while reading: rows of the wrong width, unclosed fences or details.
    var problems: [String] = []

    init(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        var fence: String?
        var openDetails = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed == open { fence = nil }
                index += 1
                continue
            }
            if trimmed.hasPrefix("```") {
                fence = String(trimmed.prefix { $0 == "`" })
                index += 1
                continue
            }
            if trimmed.hasPrefix("<details>") { openDetails += 1 }
            if trimmed.hasPrefix("</details>") { openDetails -= 1 }
            if openDetails < 0 { problems.append("line \(index + 1): </details> without <details>") }
            if line.hasPrefix("|") {
                var block: [String] = []
                while index < lines.count, lines[index].hasPrefix("|") {
                    block.append(lines[index])
                    index += 1
                }
                readTable(block, endingAt: index)
                continue
            }
            index += 1
        }
        if fence != nil { problems.append("a code fence is never closed") }
        if openDetails != 0 { problems.append("\(openDetails) <details> never closed") }
    }

    private mutating func readTable(_ block: [String], endingAt line: Int) {
        guard block.count >= 2 else {
            problems.append("line \(line): a table needs a header and a delimiter row")
            return
        }
        let header = Self.cells(block[0])
        let delimiter = Self.cells(block[1])
        let isDelimiter = delimiter.allSatisfy { cell in
            let core = cell.trimmingCharacters(in: CharacterSet(charactersIn: ":"))
            return core.count >= 3 && core.allSatisfy { $0 == "-" }
        }
        guard isDelimiter, delimiter.count == header.count else {
            problems.append("line \(line): the second row is not a delimiter row for \(header)")
            return
        }
        var rows: [[String: String]] = []
        for row in block.dropFirst(2) {
            let cells = Self.cells(row)
            guard cells.count == header.count else {
                problems.append("row of \(cells.count) cells under \(header.count) headers: \(row)")
                continue
            }
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, cells)))
        }
        tables.append(Table(header: header, rows: rows))
    }

    /// Cells of `| a | b \| c |`, split on pipes that are not escaped.
    static func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row.dropFirst() {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        return cells
    }
}
