/// The text `sessions diff` prints: differences grouped by scenario, then a summary line.
public enum DiffReport {
    public static func render(_ differences: [TranscriptDifference], scenarios: Int) -> String {
        guard !differences.isEmpty else { return "No differences in \(scenarios) scenarios.\n" }
        var text = ""
        var current: String?
        for difference in differences {
            if difference.scenario != current {
                current = difference.scenario
                text += "\(difference.scenario)\n"
            }
            text += "  \(difference)\n"
        }
        let affected = Set(differences.map(\.scenario)).count
        let noun = differences.count == 1 ? "difference" : "differences"
        return text + "\n\(differences.count) \(noun) in \(affected) of \(scenarios) scenarios.\n"
    }
}
