import Foundation
import TestSupport

/// Runs the built `s3play` binary as a user would, capturing what it prints and its exit status.
enum S3PlayProcess {
    typealias Outcome = ChildProcessOutcome

    /// `whileRunning` is called once the process has started (to signal it, say), on another thread.
    static func run(_ arguments: [String], environment overrides: [String: String?] = [:],
                    whileRunning: (@Sendable (Process) -> Void)? = nil) throws -> Outcome {
        try ChildProcess.run(ChildProcess.builtProduct("s3play"), arguments, environment: overrides,
                             whileRunning: whileRunning)
    }
}
