import Foundation
import SessionsAPI

/// The golden transcripts of `Recordings/`, which `sessions check --record` writes (their
/// golden test lives with the command, in SessionsCLITests).
enum CommittedRecordings {
    /// `<package>/Recordings`.
    static var directory: URL {
        SpecsLocation.defaultDirectory.deletingLastPathComponent().appendingPathComponent("Recordings")
    }
}
