/// The mock's documented token rule: one token per started group of four UTF-8 bytes.
/// Providers' tokenizers differ; what matters here is that the rule is deterministic and
/// public, so tests can compute the same figures the mock reports.
public enum TokenCounter {
    public static func count(_ text: String) -> Int {
        (text.utf8.count + 3) / 4
    }
}
