import ArgumentParser
import Foundation
import Remote

/// `s3play remote COMMAND`: controls the running player over its socket, as `cmus-remote` does.
struct RemoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remote",
        abstract: "Control the running s3play player.",
        discussion: """
        Commands: play, pause, toggle, next, prev, stop, seek SECONDS, vol N, add SOURCE, clear, status.
        seek takes 90, 1:30 (from the start) or +5, -5 (from here); vol takes 80 or +5, -5.
        add takes s3://BUCKET/KEY or a path (a relative path is sent as an absolute one).
        status prints the player's state; --json prints it as one object (fields: docs/cli.md).
        The player listens on $XDG_RUNTIME_DIR/s3play/remote.sock (else /tmp/s3play-UID/remote.sock).
        """)

    @Flag(help: "With status: one JSON object.")
    var json = false

    // `.allUnrecognized`, not a plain argument: "-5" in `seek -5` and `vol -5` must reach the
    // request parser instead of being taken for an option.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("The command and its argument, e.g. `seek -5`.", valueName: "command"))
    var words: [String] = []

    func validate() throws {
        do {
            let request = try makeRequest()
            if json && request != .status { throw ValidationError("--json goes with status only.") }
        } catch let error as RemoteRequestError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        try reportingFailures {
            let location = RemoteSocketLocation(environment: ProcessInfo.processInfo.environment)
            let response: RemoteResponse
            do {
                response = try RemoteClient(location: location).send(try makeRequest())
            } catch let error as RemoteClientError {
                throw CommandFailure(error.description)
            }
            switch response {
            case .done:
                return
            case .failure(let message):
                throw CommandFailure("the player refused: \(message)")
            case .status(let status):
                let output = BufferedStandardOutput()
                defer { output.flush() }
                let lines = json ? [RemoteStatusLines.json(status)] : RemoteStatusLines.text(status)
                for line in lines { output.writeLine(line) }
            }
        }
    }

    private func makeRequest() throws(RemoteRequestError) -> RemoteRequest {
        try RemoteRequest(words: words, workingDirectory: FileManager.default.currentDirectoryPath)
    }
}
