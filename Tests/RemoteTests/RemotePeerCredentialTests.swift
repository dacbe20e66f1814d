import Foundation
import Glibc
import XCTest
import TestSupport
@testable import Remote

/// SO_PEERCRED: a connection from another user is answered with a refusal even when the
/// directory and socket modes would let it in.
final class RemotePeerCredentialTests: XCTestCase {
    func testAnotherUsersClientIsRefused() throws {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("needs root and setpriv to run a client as another user")
        }
        let runtime = try TemporaryRuntimeDirectory()
        let recorder = RecordingHandler()
        let server = try RemoteServer(location: runtime.location, handler: recorder.handler)
        defer { server.stop() }
        // Open what the permissions normally close, so only the uid check stands in the way.
        XCTAssertEqual(chmod(runtime.path, 0o755), 0)
        XCTAssertEqual(chmod(runtime.location.directory, 0o755), 0)
        XCTAssertEqual(chmod(runtime.location.socketPath, 0o666), 0)
        let outcome = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/setpriv"),
            ["--reuid=65534", "--regid=65534", "--clear-groups", try ChildProcess.builtProduct("s3play").path,
             "remote", "next"],
            environment: ["XDG_RUNTIME_DIR": runtime.path])
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.standardError,
                       "s3play: the player refused: connection from uid 65534 refused: only uid 0 controls this player\n")
        XCTAssertEqual(recorder.requests, [])
    }
}
