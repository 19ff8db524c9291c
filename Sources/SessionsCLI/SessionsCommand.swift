/// Entry point of the `sessions` command line.
public enum SessionsCommand {
    /// Runs the command line and returns the process exit code.
    public static func run(_ arguments: [String]) async -> Int32 {
        0
    }
}
